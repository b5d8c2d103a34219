import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentTile, ViewOf } from '../../state-machines/view-model';

/** At most 8 choices per screen (2 × 4), pages instead of scrolling (ui.md). */
export const TILES_PER_PAGE = 8;

function Tile({ tile, language, onSelect }: { tile: DocumentTile; language: 'ko' | 'en'; onSelect(): void }) {
  const { t } = useTranslation();
  const fee = tile.fee === 0 ? t('choose.free') : t('choose.fee', { fee: tile.fee.toLocaleString('en-US') });
  return (
    <button type="button" className="tile" onClick={onSelect} disabled={!tile.available} data-code={tile.code}>
      <span className="name">{tile.name[language]}</span>
      <span className="meta">
        {fee} · {tile.identityRequired ? t('choose.fingerprint') : t('choose.noFingerprint')}
      </span>
      {tile.unavailableReason ? <span className="meta">{t(tile.unavailableReason)}</span> : null}
    </button>
  );
}

export function ChooseDocumentScreen({ view, onSelect }: { view: ViewOf<'choose-document'>; onSelect(code: string): void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(view.documents.length / TILES_PER_PAGE));
  const shown = view.documents.slice(page * TILES_PER_PAGE, (page + 1) * TILES_PER_PAGE);
  return (
    <>
      <h2>{t('choose.title')}</h2>
      <div className="tiles" role="list">
        {shown.map((tile) => (
          <div role="listitem" key={tile.code}>
            <Tile tile={tile} language={view.language} onSelect={() => onSelect(tile.code)} />
          </div>
        ))}
      </div>
      <div className="pager">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>{t('choose.previous')}</button>
        <span aria-live="polite">{t('choose.page', { page: page + 1, pages })}</span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages - 1}>{t('choose.next')}</button>
      </div>
    </>
  );
}
