import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CRASH_ENV, CRASH_MARKER } from '../../kiosk/crash-point';
import { KioskCitizen } from './kiosk-citizen';
import { startKioskProcess, type KioskProcess } from './kiosk-process';

/**
 * One paid issuance over the simulated devices (a 주민등록표 등본, ₩200, paid with a ₩1,000 note), with the kiosk
 * process killed by SIGKILL right after one named journal step commits (kiosk/crash-point.ts), then started again on
 * the same data folder: what the restarted kiosk settled, and what the central office received.
 */
export const DOCUMENT = 'resident-copy';
export const FEE = 200;
export const NOTE = 1000;

/**
 * The journal writes of this issuance, in order: the session's (kiosk/session/session-store.ts write labels) and the
 * money service's (`<step>:begin` once journaled and before the device is told, `:confirm` once the device's answer
 * is written). The change of ₩800 is two dispenses, one ₩500 coin and three ₩100 coins: `#2` is the second.
 */
export const JOURNAL_STEPS = [
  'records.reserve:begin',
  'records.reserve:confirm',
  'cash.stack:begin',
  'cash.stack:confirm',
  'print.copy:begin',
  'print.copy:confirm',
  'cash.dispense:begin',
  'cash.dispense:confirm',
  'cash.dispense:begin#2',
  'cash.dispense:confirm#2',
  'print.receipt:begin',
  'print.receipt:confirm',
  'session.close:record',
] as const;
export type JournalStep = (typeof JOURNAL_STEPS)[number];

export type Expected = {
  readonly outcome: 'recovered' | 'issued';
  /** Money taken in, fee kept, and what went back (change + refunds paid + refunds owed). */
  readonly moneyIn: number;
  readonly feeKept: number;
  readonly back: number;
  readonly issued: boolean;
};

/**
 * What must come of a kill at each step (docs/session.md, "Recovery"): before the note is stacked nothing was
 * taken (the note in escrow dies with the simulated acceptor); a note stacked before printing started is all given back (a paid basket whose printing had not started is
 * refunded); once the copy's print step began, the copy is (re)printed — within the attended window, from the
 * central office's reservation — the fee kept and the change paid.
 */
export function expectedAfter(step: JournalStep): Expected {
  const index = JOURNAL_STEPS.indexOf(step);
  if (index < JOURNAL_STEPS.indexOf('cash.stack:confirm')) return { outcome: 'recovered', moneyIn: 0, feeKept: 0, back: 0, issued: false };
  if (index < JOURNAL_STEPS.indexOf('print.copy:begin')) return { outcome: 'recovered', moneyIn: NOTE, feeKept: 0, back: NOTE, issued: false };
  return { outcome: step === 'session.close:record' ? 'issued' : 'recovered', moneyIn: NOTE, feeKept: FEE, back: NOTE - FEE, issued: true };
}

export type OutboxRow = { readonly eventId: string; readonly type: string; readonly sessionId: string | null; readonly payload: Record<string, unknown> };

export type CrashRun = {
  readonly crashedAt: string;
  readonly journal: readonly { step: string; status: string; detail: Record<string, unknown> }[];
  readonly outbox: readonly OutboxRow[];
  readonly unacked: number;
  readonly central: readonly OutboxRow[];
  readonly sheetsUsed: number;
  readonly log: string;
};

const RESTART_LIMIT_MS = 30_000;
const DEATH_LIMIT_MS = 10_000;

function readKiosk(dataDir: string) {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const journal = (db.prepare('SELECT step, status, detail FROM journal ORDER BY id').all() as { step: string; status: string; detail: string }[]).map((row) => ({
      step: row.step,
      status: row.status,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
    const outbox = (db.prepare('SELECT event_id, type, session_id, payload FROM outbox ORDER BY seq').all() as { event_id: string; type: string; session_id: string | null; payload: string }[]).map(
      (row) => ({ eventId: row.event_id, type: row.type, sessionId: row.session_id, payload: JSON.parse(row.payload) as Record<string, unknown> }),
    );
    const unacked = (db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
    const paper = db.prepare("SELECT value FROM kiosk_state WHERE key = 'a4-printer.paper'").get() as { value: string } | undefined;
    const pending = (db.prepare("SELECT count(*) AS n FROM journal WHERE status = 'pending'").get() as { n: number }).n;
    return { journal, outbox, unacked, pending, sheetsUsed: paper ? (JSON.parse(paper.value) as { used: number }).used : 0 };
  } finally {
    db.close();
  }
}

function readCentral(dataDir: string): OutboxRow[] {
  const db = new Database(path.join(dataDir, 'central-office.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT event_id, type, session_id, payload FROM events ORDER BY seq').all() as { event_id: string; type: string; session_id: string | null; payload: string }[]).map(
      (row) => ({ eventId: row.event_id, type: row.type, sessionId: row.session_id, payload: JSON.parse(row.payload) as Record<string, unknown> }),
    );
  } finally {
    db.close();
  }
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited ${limitMs} ms for ${what}`);
}

/** The citizen's part, until the kiosk dies under them (every call may then fail: that is expected). */
async function citizen(kiosk: KioskProcess, residentNumber: string): Promise<void> {
  const person = new KioskCitizen(kiosk.url);
  await person.chooseDocument(DOCUMENT);
  await person.enterResidentNumber(residentNumber);
  await person.placeFinger(residentNumber);
  await person.pay();
  await person.insertNote(NOTE);
  await person.waitFor('the end of the session', (view) => view.screen === 'attract' || view.screen === 'thank-you', 60_000);
}

export async function crashAndRecover(step: JournalStep, residentNumber: string, entry: string): Promise<CrashRun> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-crash-'));
  try {
    const first = await startKioskProcess({ dataDir, entry, env: { [CRASH_ENV]: step } });
    const died = new Promise<NodeJS.Signals | null>((resolve) => first.child.once('exit', (_code, signal) => resolve(signal)));
    // The citizen's calls fail once the kiosk is gone; the kill itself may be noticed a moment later.
    const flow = await citizen(first, residentNumber).then(
      () => 'finished' as const,
      () => 'interrupted' as const,
    );
    const signal = await Promise.race([died, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), DEATH_LIMIT_MS))]);
    if (signal === 'alive') {
      await first.stop('SIGKILL');
      throw new Error(`the kiosk did not die at ${step} (the citizen's flow ${flow}):\n${first.output().slice(-3000)}`);
    }
    const crashedAt = new RegExp(`${CRASH_MARKER} (\\S+)`).exec(first.output())?.[1] ?? `(no marker; signal ${signal})`;

    const second = await startKioskProcess({ dataDir, entry });
    try {
      const person = new KioskCitizen(second.url);
      // Recovery runs before the attract screen; a notice (a refund) is acknowledged as a citizen would.
      await waitUntil(
        'the attract screen after recovery',
        async () => {
          const view = await person.view();
          if (view.screen === 'attract') return true;
          if (view.screen === 'thank-you' || view.screen === 'error') await person.send({ type: 'acknowledge' });
          return false;
        },
        RESTART_LIMIT_MS,
      );
      await waitUntil('the outbox drained and no journal step pending', () => {
        const state = readKiosk(dataDir);
        return state.unacked === 0 && state.pending === 0;
      }, RESTART_LIMIT_MS);
    } finally {
      await second.stop();
    }
    const kiosk = readKiosk(dataDir);
    return {
      crashedAt,
      journal: kiosk.journal,
      outbox: kiosk.outbox,
      unacked: kiosk.unacked,
      central: readCentral(dataDir),
      sheetsUsed: kiosk.sheetsUsed,
      log: first.output().slice(-2000) + second.output().slice(-2000),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sums of the issuance-log events of one session: the central office's view of its money and paper. */
export function accountsOf(events: readonly OutboxRow[]) {
  const sum = (type: string, field = 'amount') => events.filter((event) => event.type === type).reduce((total, event) => total + Number(event.payload[field] ?? 0), 0);
  const count = (type: string) => events.filter((event) => event.type === type).length;
  return {
    moneyIn: sum('cash.note-stacked', 'value'),
    feeKept: sum('cash.fee-kept'),
    back: sum('cash.change-paid') + sum('cash.refund-paid') + sum('cash.refund-owed'),
    issued: count('document.issued'),
    completed: events.filter((event) => event.type === 'session.completed').map((event) => String(event.payload.outcome)),
  };
}

/**
 * The tests for a slice of the journal steps (two files share the thirteen steps so that they run in parallel):
 * each step is one kill, one restart, and these checks.
 */
export function describeCrashes(steps: readonly JournalStep[], residentNumber: () => string, entry: () => string): void {
  for (const step of steps) {
    it(`killed right after ${step}: settled once, the central office has every event exactly once`, async () => {
      const run = await crashAndRecover(step, residentNumber(), entry());
      const expected = expectedAfter(step);
      const context = `(crashed at ${run.crashedAt})\n${run.log}`;
      expect(run.crashedAt, context).toBe(step.includes('#') ? step : `${step}#1`);

      // The session is settled: closed once, nothing pending, with the outcome and accounts the rules give.
      const closes = run.journal.filter((entry) => entry.step === 'session.close');
      expect(closes.map((entry) => entry.detail.outcome), context).toEqual([expected.outcome]);
      expect(run.journal.filter((entry) => entry.status === 'pending'), context).toEqual([]);
      const sessions = new Set(run.outbox.map((event) => event.sessionId).filter((id) => id !== null));
      expect(sessions.size, context).toBe(1);
      const accounts = accountsOf(run.outbox);
      expect(accounts, context).toEqual({
        moneyIn: expected.moneyIn,
        feeKept: expected.feeKept,
        back: expected.back,
        issued: expected.issued ? 1 : 0,
        completed: [expected.outcome],
      });
      expect(accounts.moneyIn).toBe(accounts.feeKept + accounts.back);
      // Security paper: exactly the one page of the one copy, whether printed before the kill or after.
      expect(run.sheetsUsed, context).toBe(expected.issued ? 1 : 0);

      // The central office: every event of the kiosk's outbox, each exactly once, and nothing else.
      expect(run.unacked).toBe(0);
      expect(run.central.map((event) => event.eventId).sort(), context).toEqual(run.outbox.map((event) => event.eventId).sort());
      expect(new Set(run.central.map((event) => event.eventId)).size).toBe(run.central.length);
      expect(accountsOf(run.central)).toEqual(accounts);
    });
  }
}
