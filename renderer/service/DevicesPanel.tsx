import { useEffect, useState } from 'react';
import type { DeviceReport } from '../../kiosk/diagnostics/types';
import type { SelfTestRun } from '../../kiosk/service-mode/service-mode';
import type { ServiceClient } from './api';
import { translate, type Lang } from './i18n';

/** Every device with its state in plain words, its raw details, and its self-test. */
export const TEST_POLL_MS = 500;

export function DevicesPanel({ client, lang, devices, onChanged, onError }: {
  client: ServiceClient;
  lang: Lang;
  devices: readonly DeviceReport[];
  onChanged(): void;
  onError(message: string): void;
}) {
  const [run, setRun] = useState<SelfTestRun | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!run || run.state !== 'running') return;
    const timer = setTimeout(() => {
      void client.selfTest(run.testId).then((answer) => {
        if (answer.ok) setRun(answer.value);
        else onError(answer.error.detail);
      });
    }, TEST_POLL_MS);
    return () => clearTimeout(timer);
  }, [client, run, onError]);

  const start = async (device: string) => {
    const answer = await client.startSelfTest(device);
    if (answer.ok) setRun(answer.value);
    else onError(answer.error.detail);
  };

  return (
    <section className="panel devices" aria-label={translate(lang, 'tabDevices')}>
      {devices.map((device) => (
        <article key={device.id} className={`device health-${device.health}`} data-device={device.id}>
          <header>
            <h2>{device.label[lang]}</h2>
            <span className={`badge ${device.health}`}>{translate(lang, device.health)}</span>
          </header>
          <p className="state">
            {device.driver} · {device.state}
          </p>
          {device.problems.map((problem) => (
            <div key={problem.code + problem.what.en} className={`problem ${problem.severity}`}>
              <strong>{problem.what[lang]}</strong>
              <span className="action">{problem.action[lang]}</span>
              <code>
                {problem.code}
                {problem.raw ? ` · ${problem.raw}` : ''}
              </code>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setOpen(open === device.id ? null : device.id)} aria-expanded={open === device.id}>
              {translate(lang, 'details')}
            </button>
            <button type="button" className="test" disabled={run?.state === 'running'} onClick={() => void start(device.id)}>
              {translate(lang, 'selfTest')}
            </button>
          </div>
          {open === device.id ? (
            <dl className="raw">
              <dt>{translate(lang, 'firmware')}</dt>
              <dd>{device.firmware ?? translate(lang, 'none')}</dd>
              <dt>{translate(lang, 'serial')}</dt>
              <dd>{device.serialNumber ?? translate(lang, 'none')}</dd>
              <dt>{translate(lang, 'lastError')}</dt>
              <dd>{device.lastError ? `${device.lastError.code}: ${device.lastError.detail} (${new Date(device.lastError.at).toLocaleString()})` : translate(lang, 'none')}</dd>
              <dt>{translate(lang, 'counters')}</dt>
              <dd>
                {Object.entries(device.counters)
                  .map(([name, value]) => `${name} ${value}`)
                  .join(', ') || translate(lang, 'none')}
              </dd>
              {Object.entries(device.details).map(([name, value]) => (
                <div key={name} className="detail">
                  <dt>{name}</dt>
                  <dd>{value === null ? '-' : String(value)}</dd>
                </div>
              ))}
              <dt>description</dt>
              <dd>{device.description}</dd>
            </dl>
          ) : null}
        </article>
      ))}
      {run ? (
        <div className="self-test" role="dialog" aria-modal="true" aria-label={translate(lang, 'selfTest')}>
          <h2>
            {translate(lang, 'selfTest')}: {devices.find((d) => d.id === run.device)?.label[lang] ?? run.device}
          </h2>
          <ol className="steps">
            {run.steps.map((step, index) => (
              <li key={index} className={`step ${step.kind}`}>
                {step.text[lang]}
                {step.raw ? <code> {step.raw}</code> : null}
              </li>
            ))}
          </ol>
          {run.state === 'running' ? (
            <p className="running">{translate(lang, 'running')}</p>
          ) : (
            <div className={`result ${run.state}`} role="status">
              <strong>
                {translate(lang, run.state === 'passed' ? 'passed' : run.state === 'cancelled' ? 'cancelled' : 'failed')}: {run.outcome?.summary[lang]}
              </strong>
              {run.outcome && Object.keys(run.outcome.measurements).length > 0 ? (
                <p className="measured">
                  {translate(lang, 'measured')}:{' '}
                  {Object.entries(run.outcome.measurements)
                    .filter(([, value]) => value !== null)
                    .map(([name, value]) => `${name} ${String(value)}`)
                    .join(' · ')}
                </p>
              ) : null}
            </div>
          )}
          <div className="actions">
            {run.state === 'running' ? (
              <button type="button" onClick={() => void client.cancelSelfTest(run.testId)}>
                {translate(lang, 'cancel')}
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setRun(null);
                  onChanged();
                }}
              >
                {translate(lang, 'close')}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
