import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../kiosk/service-mode/audit';
import type { ServiceOverview } from '../../kiosk/service-mode/service-mode';
import type { Exported, ServiceClient } from './api';
import { translate, type Lang, type TextKey } from './i18n';

/** The queue to the central office, the log export, and the audit trail of service mode. */
export function QueuePanel({ client, lang, overview }: { client: ServiceClient; lang: Lang; overview: ServiceOverview }) {
  const t = (key: TextKey, values?: Record<string, string | number>) => translate(lang, key, values);
  const [exported, setExported] = useState<Exported | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [audit, setAudit] = useState<readonly AuditEntry[]>([]);
  useEffect(() => {
    void client.audit(30).then((answer) => answer.ok && setAudit(answer.value));
  }, [client, exported]);
  const queue = overview.queue;
  const when = (at: number | null) => (at === null ? t('never') : new Date(at).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB'));
  const exportLogs = async () => {
    const answer = await client.exportLogs();
    if (answer.ok) setExported(answer.value);
    else setMessage(answer.error.detail);
  };
  return (
    <section className="panel queue" aria-label={t('tabQueue')}>
      <article>
        <h2>{t('queue')}</h2>
        <p className="depth">{t('depth', { n: queue.depth })}</p>
        {queue.oldestUnsentAgeSeconds !== null ? <p>{t('oldest', { s: queue.oldestUnsentAgeSeconds })}</p> : null}
        <p>
          {t('lastSuccess')}: {when(queue.lastSuccessAt)}
        </p>
        {queue.lastError ? (
          <p className="problem">
            {t('lastErrorText')}: {queue.lastError}
          </p>
        ) : null}
        <p>{t('refused', { n: queue.rejected })}</p>
      </article>
      <article>
        <h2>{t('exportLogs')}</h2>
        <button type="button" onClick={() => void exportLogs()}>
          {t('exportLogs')}
        </button>
        {exported ? <p role="status">{t('exported', { name: exported.name, lines: exported.lines })}</p> : null}
        {message ? <p className="problem">{message}</p> : null}
      </article>
      <article>
        <h2>{t('audit')}</h2>
        <ol className="audit">
          {audit.map((entry) => (
            <li key={entry.id}>
              <time>{new Date(entry.at).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB')}</time> {entry.action} · {entry.outcome}
            </li>
          ))}
        </ol>
      </article>
    </section>
  );
}
