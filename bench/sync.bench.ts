import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_KIOSKS } from '../central-office/demo';
import { startCentralOffice, type RunningCentralOffice } from '../central-office/start';
import type { StorageConfig } from '../central-office/storage/open';
import { systemClock } from '../common/clock';
import { createCentralClient } from '../kiosk/central-client/client';
import { Outbox, openDatabase, type KioskDatabase } from '../kiosk/store';
import { SyncClient } from '../kiosk/sync/sync-client';
import { startPostgres } from '../test/support/postgres';
import { heapMiB, machine } from './measure';

/**
 * `npm run bench sync`: how fast a kiosk's offline backlog drains to the central office over loopback, and how
 * fast the office ingests on PostgreSQL with several kiosks sending at once. The kiosk's outbox is a real SQLite
 * file (WAL, synchronous=FULL, as in production); the office's storage is a SQLite file or a PostgreSQL cluster
 * with fsync on. Figures go to docs/benchmarks.md.
 */
const BACKLOG = 100_000;
const BATCH_SIZES = [100, 500, 1000];
const BATCH_SIZE_BACKLOG = 20_000;
const CONCURRENT_KIOSKS = 4;

const dir = mkdtempSync(path.join(tmpdir(), 'sync-bench-'));
let files = 0;

function kioskWithBacklog(kioskId: string, events: number): { db: KioskDatabase; outbox: Outbox } {
  const opened = openDatabase(path.join(dir, `kiosk-${++files}.sqlite`));
  if (!opened.ok) throw new Error(opened.error.detail);
  const db = opened.value;
  const outbox = new Outbox(db, kioskId, () => Date.now());
  // A realistic mix per citizen: notes in, fee kept, change out, the document, the session.
  db.transaction(() => {
    for (let i = 0; i < events; i++) {
      switch (i % 5) {
        case 0:
          outbox.append('cash.note-stacked', { value: 1000 }, `S-${Math.floor(i / 5)}`);
          break;
        case 1:
          outbox.append('cash.fee-kept', { amount: 400 }, `S-${Math.floor(i / 5)}`);
          break;
        case 2:
          outbox.append('cash.change-paid', { amount: 600, coins: { '500': 1, '100': 1 } }, `S-${Math.floor(i / 5)}`);
          break;
        case 3:
          outbox.append(
            'document.issued',
            { documentCode: 'resident-copy', issuanceNumber: `2026-1125-${String(i).padStart(8, '0').replace(/(\d{4})(\d{4})/, '$1-$2')}`, verificationNumber: '1234-5678-9012-3456', copies: 2, pages: 1, fee: 400, waivedBy: null },
            `S-${Math.floor(i / 5)}`,
          );
          break;
        default:
          outbox.append('session.completed', { outcome: 'issued' }, `S-${Math.floor(i / 5)}`);
      }
    }
  })();
  return { db, outbox };
}

async function drain(office: RunningCentralOffice, events: number, batchSize: number, kiosk = DEMO_KIOSKS[0]!): Promise<{ seconds: number; rate: number; batches: number }> {
  const { db, outbox } = kioskWithBacklog(kiosk.kioskId, events);
  const client = createCentralClient({ baseUrl: office.url, keyId: kiosk.keyId, secret: kiosk.secret, timeoutMs: 60_000 });
  const sync = new SyncClient({ db, outbox, sender: client, clock: systemClock, batchSize });
  const started = performance.now();
  const result = await sync.drain();
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok || outbox.depth().depth !== 0) throw new Error(`drain failed: ${JSON.stringify(result)}`);
  db.close();
  return { seconds, rate: events / seconds, batches: result.value.batches };
}

async function withOffice<T>(storage: StorageConfig, use: (office: RunningCentralOffice) => Promise<T>): Promise<T> {
  const office = await startCentralOffice({ storage, kiosks: DEMO_KIOSKS });
  try {
    return await use(office);
  } finally {
    await office.close();
  }
}

const line = (label: string, figures: { seconds: number; rate: number; batches?: number }) =>
  console.log(`${label.padEnd(58)} ${figures.seconds.toFixed(2).padStart(7)} s ${Math.round(figures.rate).toLocaleString('en-US').padStart(9)} events/s${figures.batches ? `  (${figures.batches} batches)` : ''}`);

console.log(`machine: ${machine()}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
// The machine is shared: the load average says how much of it the benchmark had.
console.log(`load average at start: ${loadavg().map((value) => value.toFixed(1)).join(' ')}\n`);

try {
  line(`drain ${BACKLOG.toLocaleString('en-US')} events, office on SQLite, batch 1000`, await withOffice({ kind: 'sqlite', file: path.join(dir, 'office-a.sqlite') }, (office) => drain(office, BACKLOG, 1000)));
  for (const batchSize of BATCH_SIZES) {
    line(
      `drain ${BATCH_SIZE_BACKLOG.toLocaleString('en-US')} events, office on SQLite, batch ${batchSize}`,
      await withOffice({ kind: 'sqlite', file: path.join(dir, `office-b${batchSize}.sqlite`) }, (office) => drain(office, BATCH_SIZE_BACKLOG, batchSize)),
    );
  }

  const cluster = await startPostgres({ durable: true });
  try {
    line(
      `drain ${BACKLOG.toLocaleString('en-US')} events, office on PostgreSQL, batch 1000`,
      await withOffice({ kind: 'postgres', url: await cluster.createDatabase() }, (office) => drain(office, BACKLOG, 1000)),
    );
    const perKiosk = BACKLOG / CONCURRENT_KIOSKS;
    const concurrent = await withOffice({ kind: 'postgres', url: await cluster.createDatabase() }, async (office) => {
      const started = performance.now();
      const runs = await Promise.all(DEMO_KIOSKS.slice(0, CONCURRENT_KIOSKS).map((kiosk) => drain(office, perKiosk, 1000, kiosk)));
      const seconds = (performance.now() - started) / 1000;
      const count = await office.office.eventCount();
      if (count !== BACKLOG) throw new Error(`expected ${BACKLOG} events at the office, found ${count}`);
      return { seconds, rate: BACKLOG / seconds, batches: runs.reduce((sum, run) => sum + run.batches, 0) };
    });
    line(`ingest on PostgreSQL: ${CONCURRENT_KIOSKS} kiosks × ${perKiosk.toLocaleString('en-US')} at once, batch 1000`, concurrent);
  } finally {
    await cluster.stop();
  }
  console.log(`\nheap after: ${heapMiB().toFixed(0)} MiB; load average at end: ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
