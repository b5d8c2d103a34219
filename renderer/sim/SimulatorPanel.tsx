import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { SimulatedDeviceState, SimulatorAction, SimulatorParam } from '../../kiosk/api/simulator-contract';
import { createI18n } from '../i18n';
import { loadPanel, runAction, type PanelLoad, type SimulatorFetch } from './api';

/** How often the panel re-reads the devices' state (stacker count, paper, what was printed). */
export const SIM_POLL_MS = 1000;

/**
 * The simulator panel (`/sim.html` on the kiosk host): the outside world of a demo or a manual test — insert a
 * note, place a finger, open a cover, run out of paper. It knows no device: it renders whatever GET /api/sim
 * lists and posts the chosen action. Only there when the configuration simulates devices.
 */
export function SimulatorPanel({
  fetcher = (input, init) => fetch(input, init),
  pollMs = SIM_POLL_MS,
  language = navigator.language.startsWith('ko') ? 'ko' : 'en',
}: {
  readonly fetcher?: SimulatorFetch;
  readonly pollMs?: number;
  readonly language?: 'ko' | 'en';
}) {
  const i18n = useMemo(() => createI18n(language), [language]);
  return (
    <I18nextProvider i18n={i18n}>
      <Panel fetcher={fetcher} pollMs={pollMs} />
    </I18nextProvider>
  );
}

type Language = 'ko' | 'en';

function Panel({ fetcher, pollMs }: { readonly fetcher: SimulatorFetch; readonly pollMs: number }) {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<PanelLoad | null>(null);
  const [log, setLog] = useState<readonly string[]>([]);
  const language: Language = i18n.language === 'ko' ? 'ko' : 'en';
  const refresh = useCallback(async () => setLoad(await loadPanel(fetcher)), [fetcher]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [refresh, pollMs]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const act = async (device: SimulatedDeviceState, action: SimulatorAction, params: Record<string, string | number>) => {
    const result = await runAction(fetcher, device.device, action.action, params);
    const what = `${device.label[language]} · ${action.label[language]}`;
    setLog((current) => [result.ok ? t('sim.done', { what }) : t('sim.failed', { what, error: result.error }), ...current].slice(0, 20));
    void refresh();
  };
  return (
    <main className="sim">
      <header>
        <h1>{t('sim.title')}</h1>
        <button type="button" onClick={() => void i18n.changeLanguage(language === 'ko' ? 'en' : 'ko')} lang={language === 'ko' ? 'en' : 'ko'}>
          {language === 'ko' ? 'English' : '한국어'}
        </button>
      </header>
      {load === null ? <p>{t('sim.loading')}</p> : null}
      {load?.kind === 'off' ? <p role="status">{t('sim.off')}</p> : null}
      {load?.kind === 'unreachable' ? <p role="alert">{t('sim.unreachable', { detail: load.detail })}</p> : null}
      {load?.kind === 'ok' ? (
        <>
          <section className="devices">
            {load.state.devices.map((device) => (
              <DeviceCard key={device.device} device={device} language={language} onAction={(action, params) => void act(device, action, params)} />
            ))}
          </section>
          {load.state.residents.length > 0 ? (
            <section>
              <h2>{t('sim.residents')}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t('sim.resident-name')}</th>
                    <th>{t('sim.resident-number')}</th>
                    <th>{t('sim.resident-note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {load.state.residents.map((resident) => (
                    <tr key={resident.residentNumber}>
                      <td>{resident.name}</td>
                      <td>{resident.residentNumber}</td>
                      <td>{resident.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : null}
      <section aria-live="polite">
        <h2>{t('sim.log')}</h2>
        <ol className="log">
          {log.map((line, index) => (
            <li key={`${index}:${line}`}>{line}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function initialParams(action: SimulatorAction): Record<string, string | number> {
  return Object.fromEntries(
    action.params.map((param): [string, string | number] => {
      switch (param.kind) {
        case 'choice':
          return [param.name, param.choices[0] ?? ''];
        case 'number':
          return [param.name, param.min];
        case 'text':
          return [param.name, ''];
      }
    }),
  );
}

function DeviceCard({ device, language, onAction }: { readonly device: SimulatedDeviceState; readonly language: Language; readonly onAction: (action: SimulatorAction, params: Record<string, string | number>) => void }) {
  const { t } = useTranslation();
  return (
    <article className="device" data-device={device.device}>
      <h2>{device.label[language]}</h2>
      <dl>
        {Object.entries(device.state).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value === null ? '—' : String(value)}</dd>
          </div>
        ))}
      </dl>
      {device.actions.length === 0 ? <p>{t('sim.no-actions')}</p> : null}
      {device.actions.map((action) => (
        <ActionForm key={action.action} action={action} language={language} onRun={(params) => onAction(action, params)} />
      ))}
    </article>
  );
}

function ActionForm({ action, language, onRun }: { readonly action: SimulatorAction; readonly language: Language; readonly onRun: (params: Record<string, string | number>) => void }) {
  const [params, setParams] = useState(() => initialParams(action));
  const set = (param: SimulatorParam, raw: string) =>
    setParams((current) => {
      if (param.kind === 'number') return { ...current, [param.name]: Number(raw) };
      if (param.kind === 'choice') {
        const chosen = param.choices.find((choice) => String(choice) === raw);
        return { ...current, [param.name]: chosen ?? raw };
      }
      return { ...current, [param.name]: raw };
    });
  return (
    <form
      className="action"
      onSubmit={(event) => {
        event.preventDefault();
        onRun(params);
      }}
    >
      {action.params.map((param) => (
        <label key={param.name}>
          <span>{param.label[language]}</span>
          {param.kind === 'choice' ? (
            <select value={String(params[param.name] ?? '')} onChange={(event) => set(param, event.target.value)}>
              {param.choices.map((choice) => (
                <option key={String(choice)} value={String(choice)}>
                  {String(choice)}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={param.kind === 'number' ? 'number' : 'text'}
              min={param.kind === 'number' ? param.min : undefined}
              max={param.kind === 'number' ? param.max : undefined}
              value={String(params[param.name] ?? '')}
              onChange={(event) => set(param, event.target.value)}
            />
          )}
        </label>
      ))}
      <button type="submit">{action.label[language]}</button>
    </form>
  );
}
