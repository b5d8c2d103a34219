import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * Counts the events after which text takes a different amount of room: the kiosk typeface finishing loading
 * (text is laid out in a fallback face until then) and a change of window size.
 */
function useLayoutEpoch(): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    const bump = () => setEpoch((current) => current + 1);
    const fonts = typeof document !== 'undefined' && 'fonts' in document ? document.fonts : null;
    fonts?.addEventListener('loadingdone', bump);
    window.addEventListener('resize', bump);
    return () => {
      fonts?.removeEventListener('loadingdone', bump);
      window.removeEventListener('resize', bump);
    };
  }, []);
  return epoch;
}

/**
 * How many items of a list fit on one page without scrolling. The page sizes of ui.md (8 tiles, 4 at 200 %) are
 * maximums: a longer language (English names wrap to three lines), a denser panel (4.03 px/mm makes 56 px text) or
 * the low-position band can hold fewer, and then the list takes one row fewer per page until nothing overflows.
 * The container must clip (`overflow: hidden` with a bounded height) so that overflow is measurable.
 */
export function useFittingPageSize<T extends HTMLElement>(maximum: number, rowSize: number, resetKey: string) {
  const ref = useRef<T>(null);
  const key = `${resetKey}#${useLayoutEpoch()}`;
  const [fit, setFit] = useState({ key, maximum, perPage: maximum });
  let perPage = fit.perPage;
  if (fit.key !== key || fit.maximum !== maximum) {
    perPage = maximum;
    setFit({ key, maximum, perPage });
  }
  // Measured after every render, because any change of content can make the page overflow; it only ever takes a
  // row away, and stops at one row, so it cannot loop.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const overflowing = element.scrollHeight > element.clientHeight + 1;
    if (overflowing && perPage - rowSize >= rowSize) setFit((current) => ({ ...current, perPage: perPage - rowSize }));
  });
  return { ref, perPage };
}
