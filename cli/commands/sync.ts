import type { Command } from 'commander';
import path from 'node:path';

/**
 * `kiosk sync status` and `kiosk sync now`: the offline queue as a technician sees it — how many issuance-log
 * events wait for the central office, how old the oldest is, when the queue last drained and why the last attempt
 * failed — and a manual drain. Both read the kiosk's own database; neither prints personal data (the queue holds
 * none).
 */
type CommonOptions = { config: string; json?: boolean };

export function registerSync(program: Command): void {
  const sync = program.command('sync').description('the offline queue of issuance-log events: status, or drain it now');

  sync
    .command('status')
    .description('queue depth, oldest unsent event, last successful drain, last error, refused events')
    .option('--config <file>', 'kiosk configuration file', 'kiosk/config/demo.json')
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions) => {
      process.exitCode = await withQueue(options.config, async ({ db, outbox }) => {
        const { readSyncState, rejectedCount, recentRejections } = await import('../../kiosk/sync/sync-state');
        const { depth, oldestUnsentAt } = outbox.depth();
        const state = readSyncState(db);
        const now = Date.now();
        const status = {
          depth,
          oldestUnsentAt: oldestUnsentAt === null ? null : new Date(oldestUnsentAt).toISOString(),
          oldestUnsentAgeSeconds: oldestUnsentAt === null ? null : Math.round((now - oldestUnsentAt) / 1000),
          lastAttemptAt: iso(state.lastAttemptAt),
          lastSuccessAt: iso(state.lastSuccessAt),
          consecutiveFailures: state.consecutiveFailures,
          lastError: state.lastError,
          centralProgress: state.centralProgress,
          rejected: rejectedCount(db),
          recentRejections: recentRejections(db, 5).map((entry) => ({ ...entry, rejectedAt: iso(entry.rejectedAt) })),
        };
        if (options.json) {
          console.log(JSON.stringify(status, null, 2));
          return 0;
        }
        console.log(`queue depth          ${status.depth} event(s) not yet acknowledged by the central office`);
        console.log(`oldest unsent        ${status.oldestUnsentAt ? `${status.oldestUnsentAt} (${formatAge(status.oldestUnsentAgeSeconds ?? 0)} ago)` : '-'}`);
        console.log(`last attempt         ${status.lastAttemptAt ?? 'never'}`);
        console.log(`last success         ${status.lastSuccessAt ?? 'never'}`);
        console.log(`consecutive failures ${status.consecutiveFailures}${status.lastError ? `: ${status.lastError}` : ''}`);
        if (status.centralProgress) {
          const progress = status.centralProgress;
          console.log(`central office holds every seq up to ${progress.contiguousSeq} (highest ${progress.maxSeq}, ${progress.missing} missing)`);
        }
        console.log(`refused events       ${status.rejected}${status.rejected > 0 ? ' (kept for a technician; see --json)' : ''}`);
        return 0;
      });
    });

  sync
    .command('now')
    .description('drain the queue now (alongside a running kiosk is fine: the central office ignores duplicates)')
    .option('--config <file>', 'kiosk configuration file', 'kiosk/config/demo.json')
    .option('--url <url>', 'central office URL (default: the configuration, or the running embedded office)')
    .option('--json', 'print JSON')
    .action(async (options: CommonOptions & { url?: string }) => {
      process.exitCode = await withQueue(options.config, async ({ db, outbox, config }) => {
        const { resolveCentralUrl, readKioskSecret, createCentralClient } = await import('../../kiosk/central-client');
        const { SyncClient } = await import('../../kiosk/sync/sync-client');
        const { systemClock } = await import('../../common/clock');
        const url = options.url ? { ok: true as const, value: options.url } : resolveCentralUrl(config);
        if (!url.ok) {
          console.error(`kiosk sync now: ${url.error}`);
          return 1;
        }
        const secret = readKioskSecret(config);
        if (!secret.ok) {
          console.error(`kiosk sync now: ${secret.error}`);
          return 2;
        }
        const client = createCentralClient({ baseUrl: url.value, keyId: config.centralOffice.keyId, secret: secret.value });
        const before = outbox.depth().depth;
        const result = await new SyncClient({ db, outbox, sender: client, clock: systemClock }).drain();
        const after = outbox.depth().depth;
        if (options.json) console.log(JSON.stringify({ before, after, result }, null, 2));
        else if (result.ok) console.log(`sent ${before - after} event(s) in ${result.value.batches} batch(es): ${result.value.acked} new, ${result.value.duplicates} already there, ${result.value.rejected} refused; ${after} left`);
        else console.error(`kiosk sync now: stopped after ${before - after} event(s): ${result.error.message}; ${after} left`);
        return result.ok ? 0 : 1;
      });
    });
}

async function withQueue(
  configFile: string,
  use: (context: { db: import('../../kiosk/store').KioskDatabase; outbox: import('../../kiosk/store').Outbox; config: import('../../kiosk/config').KioskConfig }) => Promise<number>,
): Promise<number> {
  const { loadConfigFile, formatConfigError } = await import('../../kiosk/config');
  const { openDatabase, Outbox, DATABASE_FILE } = await import('../../kiosk/store');
  const loaded = loadConfigFile(configFile);
  if (!loaded.ok) {
    console.error(formatConfigError(loaded.error));
    return 2;
  }
  const config = loaded.value.config;
  const opened = openDatabase(path.join(config.dataDir, DATABASE_FILE));
  if (!opened.ok) {
    console.error(`kiosk sync: cannot open the kiosk database (${opened.error.kind}): ${opened.error.detail}`);
    return 1;
  }
  try {
    return await use({ db: opened.value, outbox: new Outbox(opened.value, config.kioskId, () => Date.now()), config });
  } finally {
    opened.value.close();
  }
}

function iso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
