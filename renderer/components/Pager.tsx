import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { LargeTextContext } from './large-text';
import { Button } from './Button';
import { Icon } from './Icon';

/** Pages, not scrolling (ui.md): "◀ 이전 목록 · 1/2 쪽 · 다음 목록 ▶". Hidden when everything fits on one page. */
export function Pager({ page, pages, onPage }: { readonly page: number; readonly pages: number; readonly onPage: (page: number) => void }) {
  const { t } = useTranslation();
  // At 200 % the short forms keep the pager on one line: "◀ 이전 · 1/2 · 다음 ▶".
  const large = useContext(LargeTextContext);
  if (pages <= 1) return null;
  return (
    <div className="pager">
      <Button onPress={() => onPage(page - 1)} disabled={page === 0} className="pager-previous">
        <Icon name="previous" />
        <span>{large ? t('pager.previous-short') : t('pager.previous')}</span>
      </Button>
      <span className="pager-status" data-speak="live">
        {t(large ? 'pager.status-short' : 'pager.status', { page: page + 1, pages })}
      </span>
      <Button onPress={() => onPage(page + 1)} disabled={page >= pages - 1} className="pager-next">
        <span>{large ? t('pager.next-short') : t('pager.next')}</span>
        <Icon name="next" />
      </Button>
    </div>
  );
}

export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(items / perPage));
}

export function pageSlice<T>(items: readonly T[], page: number, perPage: number): readonly T[] {
  return items.slice(page * perPage, (page + 1) * perPage);
}
