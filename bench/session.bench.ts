import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DISTRICT_OFFICE_HOURS, type OperatingHours } from '../catalog';
import { FAKE_CITIZEN } from '../kiosk/session/fakes';
import { BENCH_COINS, ledgerOf, SessionHarness } from '../kiosk/session/testing';
import { heapMiB, machine } from './measure';

/**
 * Soak: SESSIONS citizens (10,000 by default) through one long-lived session runtime — the real machine, the
 * journaled effects, a real SQLite file with WAL and synchronous=FULL — over the fake records, identity and printing
 * ports and the real money service over the simulated bill acceptor and coin hoppers (ID-003 and ccTalk drivers
 * over loopback), on a fake clock that runs as fast as the work allows. A mix of ten kinds of visit (paid, several documents, free, cancelled, abandoned
 * with a refund, identity refused, printer fault, public record, hopper short, central office down); a technician
 * refills coins and paper and empties the cash box every 50 sessions. Every 1,000 sessions: heap after GC, RSS,
 * active handles and timers. At the end every session must balance to the won with exactly one outcome.
 */
const SESSIONS = Number(process.env.SESSIONS ?? 10_000);
const REPORT_EVERY = Math.max(1, Math.min(1_000, Math.floor(SESSIONS / 10)));
const TECHNICIAN_EVERY = 50;
/** The soak runs for days of kiosk time: open, and in office hours, around the clock. */
const ALL_DAY = Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' }));
const ROUND_THE_CLOCK: OperatingHours = { ...DISTRICT_OFFICE_HOURS, kiosk: ALL_DAY, office: ALL_DAY };

type Visit = (kiosk: SessionHarness) => Promise<void>;

const idleUntilAttract = (kiosk: SessionHarness) => kiosk.finish(1_500_000);

const VISITS: readonly { readonly name: string; readonly run: Visit }[] = [
  {
    name: 'paid issuance',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
    },
  },
  {
    name: 'several documents',
    run: async (kiosk) => {
      kiosk.ports.printing.pagesOf.set('land-ledger', 3);
      await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }, { code: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 123-4' } }, { code: 'family-relations' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([5000]);
    },
  },
  {
    name: 'free document',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'military-service' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
    },
  },
  {
    name: 'cancelled at the summary',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-abstract' }]);
      await kiosk.typeResidentNumber();
      await kiosk.waitFor(() => kiosk.state === 'summary.ready', 60_000);
      await kiosk.do({ type: 'cancel' });
    },
  },
  {
    name: 'abandoned mid-payment',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'family-relations', copies: 3 }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
    },
  },
  {
    name: 'identity refused',
    run: async (kiosk) => {
      kiosk.ports.identity.autoFinger = 'someone-else';
      await kiosk.chooseDocuments([{ code: 'basic' }]);
      await kiosk.typeResidentNumber();
      for (;;) {
        const view = await kiosk.waitFor((next) => next.screen === 'identity-failed' || (next.screen === 'fingerprint' && next.phase === 'retry'), 60_000);
        if (view.screen === 'identity-failed') break;
        await kiosk.do({ type: 'retryFingerprint' });
      }
    },
  },
  {
    name: 'printer fault, recovered',
    run: async (kiosk) => {
      kiosk.ports.printing.faults.push({ atPage: 1, code: 'paper-jam', recoversAfterMs: 20_000 });
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
    },
  },
  {
    name: 'public record',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } }]);
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
    },
  },
  {
    name: 'hopper short: voucher',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      // The ₩100 hopper jams before its first coin: ₩500 in coins, 300 won by voucher.
      kiosk.cash.hoppers.jamAfter(100, 0);
      await kiosk.insertNotes([1000]);
    },
  },
  {
    name: 'central office down',
    run: async (kiosk) => {
      kiosk.ports.records.unreachable = true;
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.waitForScreen('error', 10_000);
      await kiosk.do({ type: 'acknowledge' });
    },
  },
];

async function resetWorld(kiosk: SessionHarness): Promise<void> {
  const { printing, records, identity } = kiosk.ports;
  // A technician frees a jammed hopper; the kiosk uses it again once it answers healthy.
  for (const coinValue of [500, 100] as const) {
    if (kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === coinValue)?.state === 'ready') continue;
    kiosk.cash.hoppers.clearJam(coinValue);
    await kiosk.waitUntil(() => kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === coinValue)?.state === 'ready', 60_000, `the ₩${coinValue} hopper`);
  }
  records.unreachable = false;
  identity.autoFinger = FAKE_CITIZEN.finger;
  printing.faults.length = 0;
  printing.fix();
}

/**
 * What a technician does on a visit, in the money service's service mode: hoppers refilled to their levels, the
 * cash box emptied (the ledger's count is what they take out); paper in; the fakes' own logs archived.
 */
function technician(kiosk: SessionHarness): void {
  const { printing, records, identity } = kiosk.ports;
  for (const [coinValue, coins] of Object.entries(BENCH_COINS)) kiosk.setCoins(Number(coinValue) as 500 | 100, coins);
  const collected = kiosk.money.collectCashBox();
  if (!collected.ok) throw new Error(collected.error.detail);
  kiosk.cash.acceptor.emptyCashBox();
  printing.sheetsLeft = 500;
  printing.printed.length = 0;
  printing.slips.length = 0;
  printing.pagesByIssuance.clear();
  records.reservations.clear();
  identity.attemptsLeft.clear();
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-session-'));
  const file = path.join(dir, 'kiosk.sqlite');
  const kiosk = await SessionHarness.create({ keepViews: false, file, hours: ROUND_THE_CLOCK });
  const started = performance.now();
  const fakeStart = kiosk.clock.now();
  const rows: string[] = [];
  let lastReport = started;
  gc();
  const baseline = { heap: heapMiB(), rss: process.memoryUsage().rss / 2 ** 20, handles: process.getActiveResourcesInfo().length };
  console.log(`machine: ${machine()}`);
  console.log(`soak: ${SESSIONS} sessions, database ${file}`);
  console.log(`baseline: heap ${baseline.heap.toFixed(1)} MiB, rss ${baseline.rss.toFixed(1)} MiB, active resources ${baseline.handles}`);
  rows.push('| sessions | CPU ms per session | wall ms per session | heap after GC (MiB) | RSS (MiB) | active handles | fake-clock timers | database (MiB) |');
  rows.push('|---|---|---|---|---|---|---|---|');
  let lastCpu = process.cpuUsage();

  for (let session = 0; session < SESSIONS; session++) {
    if (session % TECHNICIAN_EVERY === 0) technician(kiosk);
    const visit = VISITS[session % VISITS.length]!;
    try {
      await visit.run(kiosk);
      await idleUntilAttract(kiosk);
    } catch (error) {
      throw new Error(`session ${session + 1} (${visit.name}) failed: ${(error as Error).message}`);
    }
    await resetWorld(kiosk);
    if ((session + 1) % REPORT_EVERY === 0) {
      gc();
      const now = performance.now();
      const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      const cpu = process.cpuUsage(lastCpu);
      lastCpu = process.cpuUsage();
      const row = [
        session + 1,
        ((cpu.user + cpu.system) / 1000 / REPORT_EVERY).toFixed(1),
        ((now - lastReport) / REPORT_EVERY).toFixed(1),
        heapMiB().toFixed(1),
        (process.memoryUsage().rss / 2 ** 20).toFixed(1),
        process.getActiveResourcesInfo().length,
        kiosk.clock.pendingTimers,
        (size / 2 ** 20).toFixed(1),
      ];
      rows.push(`| ${row.join(' | ')} |`);
      console.log(rows.at(-1));
      lastReport = now;
    }
  }

  const events = kiosk.sessionEvents();
  const sessions = new Map<string, typeof events>();
  for (const event of events) {
    if (event.sessionId === null) continue;
    const list = sessions.get(event.sessionId) ?? [];
    list.push(event);
    sessions.set(event.sessionId, list);
  }
  let unbalanced = 0;
  let badOutcomes = 0;
  const outcomes: Record<string, number> = {};
  let moneyIn = 0;
  let feesKept = 0;
  for (const [, list] of sessions) {
    const ledger = ledgerOf(list);
    if (ledger.in !== ledger.feesKept + ledger.changePaid + ledger.refundPaid + ledger.refundOwed) unbalanced++;
    if (ledger.outcomes.length !== 1) badOutcomes++;
    for (const outcome of ledger.outcomes) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    moneyIn += ledger.in;
    feesKept += ledger.feesKept;
  }
  const wall = (performance.now() - started) / 1000;
  const fakeHours = (kiosk.clock.now() - fakeStart) / 3_600_000;
  console.log(rows.join('\n'));
  console.log(`sessions logged: ${sessions.size}; outcomes: ${JSON.stringify(outcomes)}`);
  console.log(`money in ${moneyIn} won, fees kept ${feesKept} won; unbalanced sessions: ${unbalanced}; sessions without exactly one outcome: ${badOutcomes}`);
  console.log(`pending journal steps: ${kiosk.store.journal.pending().length}; snapshot left: ${kiosk.store.loadCheckpoint() !== null}`);
  console.log(`wall ${wall.toFixed(0)} s for ${fakeHours.toFixed(1)} kiosk hours (${((fakeHours * 3600) / wall).toFixed(0)}× real time)`);
  kiosk.stop();
  rmSync(dir, { recursive: true, force: true });
  if (unbalanced > 0 || badOutcomes > 0 || sessions.size !== SESSIONS) process.exitCode = 1;
}

await main();
