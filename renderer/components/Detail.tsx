import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { LargeTextContext } from './large-text';

/**
 * A secondary sentence of a screen (an explanation, the other language, the step indicator). At 200 % text a
 * 1080-pixel-wide screen holds about nine Hangul letters a line, and the screen keeps what is needed to act; these
 * sentences then move to the help dialog (one touch, or the keypad's help key, away), so nothing is lost and
 * nothing needs scrolling.
 */
type DetailRegistry = {
  readonly details: readonly { readonly id: string; readonly text: string; readonly lang?: string }[];
  register(id: string, text: string, lang?: string): () => void;
};

export const DetailContext = createContext<DetailRegistry>({ details: [], register: () => () => undefined });

export function useDetailRegistry(): DetailRegistry {
  const [details, setDetails] = useState<DetailRegistry['details']>([]);
  const register = useCallback((id: string, text: string, lang?: string) => {
    setDetails((current) => [...current.filter((detail) => detail.id !== id), { id, text, lang }]);
    return () => setDetails((current) => current.filter((detail) => detail.id !== id));
  }, []);
  return useMemo(() => ({ details, register }), [details, register]);
}

export function Detail({ text, lang, className, children }: { readonly text: string; readonly lang?: string; readonly className?: string; readonly children?: ReactNode }) {
  const large = useContext(LargeTextContext);
  const { register } = useContext(DetailContext);
  const id = useId();
  useEffect(() => (large ? register(id, text, lang) : undefined), [large, register, id, text, lang]);
  if (large) return null;
  return (
    <p className={className} lang={lang} data-speak="">
      {children ?? text}
    </p>
  );
}
