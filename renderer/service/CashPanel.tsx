import { useState } from 'react';
import type { DayCloseResult } from '../../kiosk/day-close/close';
import type { ServiceOverview } from '../../kiosk/service-mode/service-mode';
import type { ServiceClient } from './api';
import { NumberPad } from './NumberPad';
import { translate, won, type Lang, type TextKey } from './i18n';

/** The cash box: what the ledger says it holds, its removal, and the end-of-day close with the hand count. */
const NOTE_VALUES = [50000, 10000, 5000, 1000] as const;

export function CashPanel({ client, lang, overview, onChanged }: { client: ServiceClient; lang: Lang; overview: ServiceOverview; onChanged(): void }) {
  const t = (key: TextKey, values?: Record<string, string | number>) => translate(lang, key, values);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [counting, setCounting] = useState<number | null>(null);
  const [closed, setClosed] = useState<DayCloseResult | null>(null);
  const box = overview.cash?.cashBox;

  const remove = async () => {
    setConfirming(false);
    const answer = await client.removeCashBox();
    setMessage(answer.ok ? t('removed', { total: won(answer.value.total, lang), notes: answer.value.notes }) : answer.error.detail);
    onChanged();
  };
  const close = async () => {
    const entered = Object.entries(counts).filter(([, value]) => value !== '');
    const counted = entered.length > 0 ? Object.fromEntries(NOTE_VALUES.map((note) => [String(note), Number(counts[String(note)] ?? '0') || 0])) : undefined;
    const answer = await client.closeDay(counted);
    if (answer.ok) setClosed(answer.value);
    else setMessage(answer.error.detail);
    onChanged();
  };

  return (
    <section className="panel cash" aria-label={t('tabCash')}>
      <article className="cash-box">
        <h2>{t('cashBox')}</h2>
        {box ? (
          <table>
            <tbody>
              {Object.entries(box.byDenomination)
                .sort((a, b) => Number(b[0]) - Number(a[0]))
                .map(([note, n]) => (
                  <tr key={note}>
                    <th scope="row">{won(Number(note), lang)}</th>
                    <td>{t('notes', { n })}</td>
                  </tr>
                ))}
              <tr className="total">
                <th scope="row">{t('total')}</th>
                <td>{won(box.total, lang)}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <p>{t('none')}</p>
        )}
        {confirming ? (
          <div className="confirm" role="alertdialog" aria-label={t('confirmRemove')}>
            <p>{t('confirmRemove')}</p>
            <div className="actions">
              <button type="button" onClick={() => setConfirming(false)}>
                {t('no')}
              </button>
              <button type="button" className="primary" onClick={() => void remove()}>
                {t('yes')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" disabled={!box} onClick={() => setConfirming(true)}>
            {t('removeBox')}
          </button>
        )}
      </article>
      <article className="day-close">
        <h2>{t('dayClose')}</h2>
        <p>{t('countBox')}</p>
        <div className="counts">
          {NOTE_VALUES.map((note) => (
            <button key={note} type="button" className={counting === note ? 'selected' : ''} onClick={() => setCounting(note)}>
              {won(note, lang)}: {counts[String(note)] || '–'}
            </button>
          ))}
        </div>
        {counting !== null ? (
          <NumberPad
            value={counts[String(counting)] ?? ''}
            onChange={(value) => setCounts({ ...counts, [String(counting)]: value })}
            lang={lang}
            maxLength={4}
            label={won(counting, lang)}
          />
        ) : null}
        <button type="button" className="primary" onClick={() => void close()}>
          {t('closeNow')}
        </button>
        {closed ? (
          <div className={`close-result ${closed.summary.balanced ? 'balanced' : 'discrepancy'}`} role="status">
            <strong>
              {closed.summary.businessDate}: {lang === 'ko' ? '차액' : 'discrepancy'} {closed.summary.discrepancy > 0 ? '+' : closed.summary.discrepancy < 0 ? '-' : ''}
              {won(Math.abs(closed.summary.discrepancy), lang)}
            </strong>
            <p>
              {lang === 'ko' ? '있어야 할 금액' : 'should hold'} {won(closed.summary.box.expected, lang)} · {closed.summary.box.counted ? (lang === 'ko' ? '센 금액' : 'counted') : lang === 'ko' ? '장부' : 'ledger'}{' '}
              {won((closed.summary.box.counted ?? closed.summary.box.ledger).total, lang)}
            </p>
          </div>
        ) : null}
      </article>
      {message ? (
        <p className="message" role="status">
          {message}
        </p>
      ) : null}
    </section>
  );
}
