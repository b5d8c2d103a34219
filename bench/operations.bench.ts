import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildOperationsReport } from '../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../central-office/demo';
import { CentralOperationsSource } from '../central-office/operator/central-source';
import { buildDashboard } from '../central-office/operator/dashboard';
import { dashboardPage } from '../central-office/operator/page';
import { startCentralOffice } from '../central-office/start';
import { systemClock } from '../common/clock';
import { closeDay } from '../kiosk/day-close';
import { KioskOperationsSource } from '../kiosk/reports';
import { Outbox, openDatabase } from '../kiosk/store';
import { generateDays } from '../test/operations/support/generate';
import { formatTiming, heapMiB, machine, summarise } from './measure';

/**
 * `npm run bench operations`: how long the operators' figures take on a busy kiosk's year — the kiosk's own
 * reports from its outbox, the end-of-day close, and at the central office the yearly report across four kiosks and
 * the operator page. A year at 30–60 issuances a day is ~16,500 documents and ~66,000 outbox events per kiosk.
 * Figures go to docs/benchmarks.md.
 */
const DAYS = 365;
const RUNS = 5;
const dir = mkdtempSync(path.join(tmpdir(), 'operations-bench-'));

async function time(label: string, work: () => Promise<unknown>, runs = RUNS): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  console.log(formatTiming(label, summarise(samples)));
}

async function main(): Promise<void> {
  console.log(machine());
  console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const opened = openDatabase(path.join(dir, 'kiosk.sqlite'));
  if (!opened.ok) throw new Error(opened.error.detail);
  const db = opened.value;
  let started = performance.now();
  generateDays(db, { kioskId: 'GJ-HALL-01', from: '2025-01-01', days: DAYS, seed: 1, perDay: [30, 60] });
  generateDays(db, { kioskId: 'GJ-HALL-01', from: '2026-01-01', days: DAYS, seed: 2, perDay: [30, 60] });
  const rows = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  console.log(`generated ${rows} outbox events (two years) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const local = new KioskOperationsSource(db, 'GJ-HALL-01', 'Asia/Seoul');
  const now = Date.parse('2026-12-31T23:00:00+09:00');
  await time('kiosk report daily', () => buildOperationsReport(local, { period: 'daily', date: '2026-11-25' }, now));
  await time('kiosk report monthly', () => buildOperationsReport(local, { period: 'monthly', date: '2026-11-25' }, now));
  await time('kiosk report yearly', () => buildOperationsReport(local, { period: 'yearly', date: '2026-11-25' }, now));
  started = performance.now();
  const closed = await closeDay({ db, kioskId: 'GJ-HALL-01', kioskName: '금정구청 민원실', timeZone: 'Asia/Seoul', clock: systemClock });
  console.log(`first end-of-day close over all ${rows} events: ${(performance.now() - started).toFixed(0)} ms (${closed.ok ? closed.value.summary.issuances : '?'} documents)`);
  const outbox = new Outbox(db, 'GJ-HALL-01', () => Date.now());
  db.transaction(() => {
    for (let i = 0; i < 45; i++) {
      outbox.append('cash.fee-kept', { amount: 400 }, `s-${i}`);
      outbox.append('document.issued', { documentCode: 'resident-copy', issuanceNumber: `N-${i}`, verificationNumber: '1', copies: 2, pages: 2, fee: 400, waivedBy: null }, `s-${i}`);
    }
  })();
  await time('end-of-day close of a day (90 events)', () => closeDay({ db, kioskId: 'GJ-HALL-01', kioskName: '금정구청 민원실', timeZone: 'Asia/Seoul', clock: systemClock }), 1);

  const office = await startCentralOffice({ storage: { kind: 'sqlite', file: path.join(dir, 'central.sqlite') }, kiosks: DEMO_KIOSKS, operators: [DEMO_OPERATOR], port: 0 });
  started = performance.now();
  for (const kiosk of DEMO_KIOSKS) {
    const copy = new Outbox(db, kiosk.kioskId, () => 0);
    const caller = { role: 'kiosk' as const, kioskId: kiosk.kioskId, name: kiosk.name, district: '금정구', keyId: kiosk.keyId };
    let after = 0;
    for (;;) {
      const batch = db.prepare('SELECT seq, event_id, type, occurred_at, session_id, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1000').all(after) as {
        seq: number;
        event_id: string;
        type: string;
        occurred_at: number;
        session_id: string | null;
        payload: string;
      }[];
      if (batch.length === 0) break;
      after = batch.at(-1)?.seq ?? after;
      const events = batch.map((row) => ({
        ...copy.toWire({ seq: row.seq, eventId: row.event_id, type: row.type as never, occurredAt: row.occurred_at, sessionId: row.session_id, payload: JSON.parse(row.payload) as unknown }),
        // Each kiosk needs its own event ids.
        eventId: `${row.event_id.slice(0, 24)}${String(DEMO_KIOSKS.indexOf(kiosk)).padStart(12, '0')}`,
      }));
      await office.office.ingest(caller, events);
    }
  }
  console.log(`central office: ingested 4 × ${rows} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const central = new CentralOperationsSource(office.office.storage.db, office.office.keys);
  await time('central report monthly, 4 kiosks', () => buildOperationsReport(central, { period: 'monthly', date: '2026-11-25' }, now));
  await time('central report yearly, 4 kiosks', () => buildOperationsReport(central, { period: 'yearly', date: '2026-11-25' }, now));
  await time('operator page (dashboard + HTML), 4 kiosks', async () => dashboardPage(await buildDashboard(office.office, '2026-11-25', now), 'operator', 'ko'));
  console.log(`heap ${heapMiB().toFixed(0)} MiB`);
  await office.close();
  db.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
