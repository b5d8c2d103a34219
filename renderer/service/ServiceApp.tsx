import { useCallback, useEffect, useState } from 'react';
import type { ServiceOverview } from '../../kiosk/service-mode/service-mode';
import type { ServiceClient } from './api';
import { CashPanel } from './CashPanel';
import { DevicesPanel } from './DevicesPanel';
import { translate, type Lang, type TextKey } from './i18n';
import { PinScreen } from './PinScreen';
import { QueuePanel } from './QueuePanel';
import { SuppliesPanel } from './SuppliesPanel';

/**
 * The service-mode screen on the kiosk's own display (renderer/service.html, a separate entry from the citizen UI):
 * the technician PIN, then devices, refills, the cash box and the close, the queue and the logs. It holds nothing but
 * the session token in memory; the kiosk does the work and keeps the audit trail.
 */
type Tab = 'devices' | 'supplies' | 'cash' | 'queue';
const TABS: readonly { readonly tab: Tab; readonly label: TextKey }[] = [
  { tab: 'devices', label: 'tabDevices' },
  { tab: 'supplies', label: 'tabSupplies' },
  { tab: 'cash', label: 'tabCash' },
  { tab: 'queue', label: 'tabQueue' },
];

/**
 * A PIN pad opened from the citizen screen and left alone (the technician walked away, the service session timed
 * out) would keep the kiosk from citizens for ever: after this long without a touch it goes back by itself.
 */
export const PIN_IDLE_RETURN_MS = 2 * 60_000;

/**
 * @param onReturn back to the citizen screen, when the service screen was opened from it (the technician's entry):
 *   leaving service mode then goes there, and the PIN pad offers the way back too. Without it (the service screen
 *   opened by its URL) leaving shows the PIN pad again, as before.
 */
export function ServiceApp({ client, initialLang = 'ko', onReturn }: { client: ServiceClient; initialLang?: Lang; onReturn?: () => void }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [signedIn, setSignedIn] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [overview, setOverview] = useState<ServiceOverview | null>(null);
  const [tab, setTab] = useState<Tab>('devices');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const refresh = useCallback(async () => {
    const answer = await client.overview();
    if (answer.ok) {
      setOverview(answer.value);
      setError(null);
    } else if (answer.error.kind === 'not-signed-in') {
      setSignedIn(false);
      setOverview(null);
      setNotice(translate(lang, 'sessionEnded'));
    } else setError(answer.error.detail);
  }, [client, lang]);

  useEffect(() => {
    if (signedIn) void refresh();
  }, [signedIn, refresh]);

  useEffect(() => {
    if (signedIn || !onReturn) return;
    let timer = setTimeout(onReturn, PIN_IDLE_RETURN_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(onReturn, PIN_IDLE_RETURN_MS);
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [signedIn, onReturn]);

  const t = (key: TextKey) => translate(lang, key);
  const languageButton = (
    <button type="button" className="language" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
      {t('language')}
    </button>
  );
  if (!signedIn) {
    return (
      <div className="service">
        <div className="top">
          {languageButton}
          {onReturn ? (
            <button type="button" className="exit" onClick={onReturn}>
              {t('backToCitizen')}
            </button>
          ) : null}
        </div>
        <PinScreen
          client={client}
          lang={lang}
          notice={notice}
          onEntered={() => {
            setNotice(null);
            setSignedIn(true);
          }}
        />
      </div>
    );
  }
  return (
    <div className="service">
      <header className="top">
        <h1>
          {t('title')} · {overview?.kioskName[lang] ?? ''} <small>{overview?.kioskId}</small>
        </h1>
        {languageButton}
        <button type="button" onClick={() => void refresh()}>
          {t('refresh')}
        </button>
        <button
          type="button"
          className="exit"
          onClick={() =>
            void client.exit().then(() => {
              setSignedIn(false);
              setOverview(null);
              onReturn?.();
            })
          }
        >
          {t('exit')}
        </button>
      </header>
      {overview?.citizenSessionActive ? <p className="message problem">{t('citizenBusy')}</p> : null}
      {error ? (
        <p className="message problem" role="alert">
          {error}
        </p>
      ) : null}
      <nav className="tabs" role="tablist">
        {TABS.map((entry) => (
          <button key={entry.tab} type="button" role="tab" aria-selected={tab === entry.tab} onClick={() => setTab(entry.tab)}>
            {t(entry.label)}
          </button>
        ))}
      </nav>
      {overview ? (
        <div className="content" role="tabpanel">
          {tab === 'devices' ? <DevicesPanel client={client} lang={lang} devices={overview.devices} onChanged={() => void refresh()} onError={setError} /> : null}
          {tab === 'supplies' ? <SuppliesPanel client={client} lang={lang} overview={overview} onChanged={() => void refresh()} /> : null}
          {tab === 'cash' ? <CashPanel client={client} lang={lang} overview={overview} onChanged={() => void refresh()} /> : null}
          {tab === 'queue' ? <QueuePanel client={client} lang={lang} overview={overview} /> : null}
        </div>
      ) : null}
    </div>
  );
}
