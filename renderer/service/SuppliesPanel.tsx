import { useState } from 'react';
import type { ServiceOverview } from '../../kiosk/service-mode/service-mode';
import type { Answer, ServiceClient } from './api';
import { NumberPad } from './NumberPad';
import { translate, type Lang, type TextKey } from './i18n';

/** Paper and coin refills: counts entered on the number pad, recorded in the ledger and sent to the office. */
type Editing = { readonly field: 'sheetsAdded' | 'sheetsInTray' } | { readonly field: 'coinsAdded' | 'coinsCounted'; readonly coin: number };

export function SuppliesPanel({ client, lang, overview, onChanged }: { client: ServiceClient; lang: Lang; overview: ServiceOverview; onChanged(): void }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const t = (key: TextKey, values?: Record<string, string | number>) => translate(lang, key, values);

  const finish = (answer: Answer<unknown>) => {
    setMessage(answer.ok ? t('saved') : answer.error.detail);
    setEditing(null);
    setValue('');
    onChanged();
  };
  const record = async () => {
    if (!editing) return;
    const n = Number(value);
    switch (editing.field) {
      case 'sheetsAdded':
        return finish(await client.refillPaper({ printer: 'a4', sheetsAdded: n }));
      case 'sheetsInTray':
        return finish(await client.refillPaper({ printer: 'a4', sheetsInTray: n }));
      case 'coinsAdded':
        return finish(await client.refillHopper(editing.coin, n));
      case 'coinsCounted':
        return finish(await client.countHopper(editing.coin, n));
    }
  };
  const edit = (next: Editing) => {
    setEditing(next);
    setValue('');
    setMessage(null);
  };
  const a4 = overview.paper.a4;
  return (
    <section className="panel supplies" aria-label={t('tabSupplies')}>
      <article className="supply">
        <h2>{t('a4Paper')}</h2>
        <p>{t('sheetsLeft', { n: a4?.remaining ?? t('unknownCount') })}</p>
        <div className="actions">
          <button type="button" disabled={!a4} onClick={() => edit({ field: 'sheetsAdded' })}>
            {t('sheetsAdded')}
          </button>
          <button type="button" disabled={!a4} onClick={() => edit({ field: 'sheetsInTray' })}>
            {t('sheetsInTray')}
          </button>
        </div>
      </article>
      <article className="supply">
        <h2>{t('receiptRoll')}</h2>
        <div className="actions">
          <button type="button" onClick={() => void client.refillPaper({ printer: 'receipt' }).then(finish)}>
            {t('newRoll')}
          </button>
        </div>
      </article>
      {(overview.cash?.hoppers ?? []).map((hopper) => (
        <article className="supply" key={hopper.coinValue} data-coin={hopper.coinValue}>
          <h2>{t('hopper', { coin: hopper.coinValue })}</h2>
          <p>
            {t('coinsInLedger', { n: hopper.coins })} · {hopper.state}
          </p>
          <div className="actions">
            <button type="button" onClick={() => edit({ field: 'coinsAdded', coin: hopper.coinValue })}>
              {t('coinsAdded')}
            </button>
            <button type="button" onClick={() => edit({ field: 'coinsCounted', coin: hopper.coinValue })}>
              {t('coinsCounted')}
            </button>
          </div>
        </article>
      ))}
      {message ? (
        <p className="message" role="status">
          {message}
        </p>
      ) : null}
      {editing ? (
        <div className="editor" role="dialog" aria-modal="true" aria-label={t(editing.field)}>
          <h2>
            {'coin' in editing ? `${t('hopper', { coin: editing.coin })} · ` : ''}
            {t(editing.field)}
          </h2>
          <NumberPad value={value} onChange={setValue} lang={lang} maxLength={5} label={t(editing.field)} />
          <div className="actions">
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
            <button type="button" className="primary" disabled={value === ''} onClick={() => void record()}>
              {t('save')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
