import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentTile } from '../../state-machines/view-model';
import { entriesAt, parentOf, type BrowseEntry, type BrowsePlace } from '../browse/documents';
import { Button } from '../components/Button';
import { Detail } from '../components/Detail';
import { Icon } from '../components/Icon';
import { useFittingPageSize } from '../components/fit';
import { pageCount, Pager, pageSlice } from '../components/Pager';
import { ScreenLayout, tilesPerPage, useLocalBack, useLocalized, useMessage, useMoney, type ScreenProps } from './common';

const GROUP_KEYS = {
  resident: 'group.resident',
  family: 'group.family',
  property: 'group.property',
  tax: 'group.tax',
  'vehicle-farm': 'group.vehicle-farm',
  'welfare-education': 'group.welfare-education',
} as const;

function DocumentTileButton({ tile, onSelect }: { readonly tile: DocumentTile; readonly onSelect: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const localized = useLocalized();
  const message = useMessage();
  const fee = tile.fee === 0 ? t('money.free') : money(tile.fee);
  return (
    <Button className="tile document-tile" onPress={onSelect} disabled={!tile.available} code={tile.code}>
      <span className="tile-name">{localized(tile.name)}</span>
      <span className="tile-meta">
        <span>{fee}</span>{' '}
        {tile.unavailableReason ? (
          <span className="tile-reason">{message(tile.unavailableReason)}</span>
        ) : (
          <span>{tile.identityRequired ? t('choose.fingerprint') : t('choose.no-fingerprint')}</span>
        )}
        {tile.inBasket ? (
          <span className="tile-state">
            {' '}
            <Icon name="check" /> {t('choose.in-basket')}
          </span>
        ) : null}
      </span>
    </Button>
  );
}

function EntryTile({ entry, onSelect, onPlace }: { readonly entry: BrowseEntry; readonly onSelect: (tile: DocumentTile) => void; readonly onPlace: (place: BrowsePlace) => void }) {
  const { t } = useTranslation();
  switch (entry.kind) {
    case 'document':
      return <DocumentTileButton tile={entry.tile} onSelect={() => onSelect(entry.tile)} />;
    case 'groups':
      return (
        <Button className="tile link-tile" onPress={() => onPlace({ kind: 'groups' })}>
          <span className="tile-name">{t('choose.all-by-group')}</span>
          <span className="tile-meta">{t('choose.all-by-group-hint')}</span>
        </Button>
      );
    case 'initials':
      return (
        <Button className="tile link-tile" onPress={() => onPlace({ kind: 'initials' })}>
          <span className="tile-name">{t('choose.by-initial')}</span>
          <span className="tile-meta">{t('choose.by-initial-hint')}</span>
        </Button>
      );
    case 'group':
      return (
        <Button className="tile link-tile" onPress={() => onPlace({ kind: 'group', group: entry.group })}>
          <span className="tile-name">{t(GROUP_KEYS[entry.group])}</span>
          <span className="tile-meta">{t('choose.count', { n: entry.count })}</span>
        </Button>
      );
    case 'initial':
      return (
        <Button className="tile link-tile initial-tile" onPress={() => onPlace({ kind: 'initial', initial: entry.initial })}>
          <span className="tile-name">{entry.initial}</span>
          <span className="tile-meta">{t('choose.count', { n: entry.count })}</span>
        </Button>
      );
  }
}

function entryKey(entry: BrowseEntry): string {
  switch (entry.kind) {
    case 'document':
      return entry.tile.code;
    case 'group':
      return `group:${entry.group}`;
    case 'initial':
      return `initial:${entry.initial}`;
    case 'groups':
    case 'initials':
      return entry.kind;
  }
}

export function ChooseDocumentScreen({ view, send, display }: ScreenProps<'choose-document'>) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [place, setPlace] = useState<BrowsePlace>({ kind: 'home' });
  const [page, setPage] = useState(0);
  const go = useCallback((next: BrowsePlace) => {
    setPlace(next);
    setPage(0);
  }, []);
  const parent = useMemo(() => parentOf(place), [place]);
  const back = useCallback(() => {
    if (parent) go(parent);
  }, [parent, go]);
  useLocalBack(parent ? back : null);

  const entries = entriesAt(place, view.documents, (tile) => localized(tile.name));
  const columns = display.textScale === 2 ? 1 : 2;
  const placeKey = place.kind === 'group' ? place.group : place.kind === 'initial' ? place.initial : place.kind;
  const { ref: tilesRef, perPage } = useFittingPageSize<HTMLUListElement>(
    tilesPerPage(display),
    columns,
    `${placeKey}:${view.language}:${display.textScale}:${display.lowPosition}:${view.basket.lines.length}`,
  );
  const pages = pageCount(entries.length, perPage);
  const shown = pageSlice(entries, Math.min(page, pages - 1), perPage);
  const heading = (() => {
    switch (place.kind) {
      case 'home':
        return t('choose.home');
      case 'groups':
        return t('choose.groups');
      case 'group':
        return t(GROUP_KEYS[place.group]);
      case 'initials':
        return t('choose.initials');
      case 'initial':
        return t('choose.initial', { initial: place.initial });
    }
  })();
  const basket = view.basket.lines;
  return (
    <ScreenLayout
      info={
        <>
          <h2 className="screen-heading" data-speak="live">
            {heading}
          </h2>
          {basket.length > 0 ? (
            <Detail className="basket-summary" text={t('choose.basket', { n: basket.length, names: basket.map((line) => localized(line.name)).join(', ') })} />
          ) : null}
        </>
      }
      controls={
        <>
          <ul className="tiles" data-per-page={perPage} ref={tilesRef}>
            {shown.map((entry) => (
              <li key={entryKey(entry)}>
                <EntryTile entry={entry} onPlace={go} onSelect={(tile) => send({ type: 'selectDocument', code: tile.code })} />
              </li>
            ))}
          </ul>
          <Pager page={Math.min(page, pages - 1)} pages={pages} onPage={setPage} />
          {basket.length > 0 ? (
            <Button variant="primary" onPress={() => send({ type: 'proceed' })}>
              {t('choose.proceed', { n: basket.length })}
            </Button>
          ) : null}
        </>
      }
    />
  );
}
