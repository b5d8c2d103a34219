import { Children, createContext, Fragment, isValidElement, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskCommand } from '../../kiosk/api/contract';
import type { LocalizedText } from '../../catalog';
import type { DisplayPreferences, Screen, ViewOf } from '../../state-machines/view-model';
import { useFittingPageSize } from '../components/fit';
import { pageCount, Pager, pageSlice } from '../components/Pager';

/** What every screen component receives: its view and the way to send a command. */
export type ScreenProps<S extends Screen> = {
  readonly view: ViewOf<S>;
  readonly send: (command: KioskCommand) => void;
  /** The display in force (the session's, or the renderer's own if the session refused `setDisplay`). */
  readonly display: DisplayPreferences;
};

/** The blocks of a screen's information: fragments and arrays opened up, nothing-to-show left out. */
function blocksOf(node: ReactNode): ReactNode[] {
  const blocks: ReactNode[] = [];
  const visit = (child: ReactNode) => {
    if (child === null || child === undefined || typeof child === 'boolean') return;
    if (Array.isArray(child)) return child.forEach(visit);
    if (isValidElement<{ children?: ReactNode }>(child) && child.type === Fragment) return Children.forEach(child.props.children, visit);
    blocks.push(child);
  };
  visit(node);
  return blocks;
}

/**
 * Every screen is two parts: what it shows and what the citizen can do. In the low-position layout the first
 * moves to the top of the screen (display-only) and the second to the band within a wheelchair user's reach.
 * What the citizen can do always fits; when what the screen shows does not (200 % text, a long language), it
 * goes in pages with their own pager at the top of the controls — pages, never scrolling.
 */
export function ScreenLayout({ info, controls, variant }: { readonly info?: ReactNode; readonly controls?: ReactNode; readonly variant?: 'notice' | 'centered' }) {
  const { i18n } = useTranslation();
  const blocks = blocksOf(info);
  const [page, setPage] = useState(0);
  const { ref, perPage } = useFittingPageSize<HTMLDivElement>(Math.max(1, blocks.length), 1, `${i18n.language}:${blocks.length}`);
  const pages = pageCount(blocks.length, perPage);
  const at = Math.min(page, pages - 1);
  return (
    <>
      <div className={['screen-info', variant].filter(Boolean).join(' ')} ref={ref}>
        {pageSlice(blocks, at, perPage).map((block, index) => (
          <Fragment key={isValidElement(block) && block.key !== null ? block.key : `block-${at * perPage + index}`}>{block}</Fragment>
        ))}
      </div>
      <div className="screen-controls">
        {pages > 1 ? (
          <div className="info-pager">
            <Pager page={at} pages={pages} onPage={setPage} />
          </div>
        ) : null}
        {controls}
      </div>
    </>
  );
}

/** Amounts in won, in the reading order of the language (`1,000원`, `₩1,000`). */
export function useMoney(): (amount: number) => string {
  const { t } = useTranslation();
  return useCallback((amount: number) => t('money.won', { amount: amount.toLocaleString('en-US') }), [t]);
}

/** A catalogue name in the language shown (catalogue data carries Korean and English). */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  return useCallback((text: LocalizedText) => (i18n.language === 'ko' ? text.ko : text.en), [i18n.language]);
}

/**
 * Texts the session names by key (`payment.note-returned`): shown from the catalogue. A key this renderer does
 * not know yet (a newer kiosk service) shows a general sentence rather than a raw key.
 */
export function useMessage(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (key: string) => {
      if (i18n.exists(key)) return t(key);
      console.warn(`renderer: no text for message key ${key}`);
      return t('message.unknown');
    },
    [t, i18n],
  );
}

/**
 * Screens with their own steps (the document list's groups and pages) take the bottom bar's "back" for
 * themselves while they are not at their first step.
 */
export const LocalBackContext = createContext<(handler: (() => void) | null) => void>(() => undefined);

export function useLocalBack(handler: (() => void) | null): void {
  const register = useContext(LocalBackContext);
  useEffect(() => {
    register(handler);
    return () => register(null);
  }, [register, handler]);
}

/** How many choices fit on one page: 2 × 4 tiles, 1 × 4 at 200 % text (ui.md), fewer when both large and low. */
export function tilesPerPage(display: DisplayPreferences): number {
  if (display.textScale === 2) return display.lowPosition ? 3 : 4;
  return 8;
}
