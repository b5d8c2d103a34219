import { DISTRICT_OFFICE_HOURS, type DocumentCode, type FeeSchedule, type OperatingHours, type SiteKind } from '../../catalog';
import { FakeClock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { ViewModel } from '../../state-machines/view-model';
import type { CommandOutcome, KioskCommand } from '../api/contract';
import { openDatabase, type KioskDatabase } from '../store';
import { createFakePorts, FAKE_CITIZEN, type FakePorts } from './fakes';
import { createSessionRuntime, type SessionRuntime } from './runtime';
import { SessionStore, type WriteGate } from './session-store';

/**
 * A kiosk on a bench: the session runtime over the fake ports, a fake clock and a real SQLite database (in memory
 * unless a file is given), plus a citizen who presses the buttons. Used by the session's tests and its soak
 * benchmark; never by production code.
 */
export const WEDNESDAY_10AM = Date.parse('2026-11-25T10:00:00+09:00');

export type HarnessOptions = {
  readonly start?: number;
  readonly file?: string;
  readonly hours?: OperatingHours;
  readonly site?: SiteKind;
  readonly feeSchedule?: FeeSchedule;
  readonly log?: Logger;
  readonly gate?: WriteGate;
  readonly outOfDistrict?: readonly DocumentCode[];
  /** Keep every view (tests); the soak benchmark turns it off to keep memory flat. */
  readonly keepViews?: boolean;
};

/** Thrown by the power switch: the kiosk lost power at this write. */
export class PowerCut extends Error {
  constructor(at: string) {
    super(`power cut at ${at}`);
  }
}

/**
 * Cuts the power around the k-th journal transaction: `after` (it committed, the device was not told) or `before`
 * (the device acted on the previous step, this write never happened). Snapshot writes are not counted but die
 * with the power like everything else.
 */
export class PowerSwitch implements WriteGate {
  committed = 0;
  dead = false;
  readonly labels: string[] = [];
  onCut: () => void = () => undefined;
  private plan: { readonly at: number; readonly when: 'before' | 'after' } | null = null;

  arm(at: number, when: 'before' | 'after'): this {
    this.plan = { at, when };
    return this;
  }

  before(label: string): void {
    if (this.dead) throw new PowerCut(label);
    if (label === 'snapshot') return;
    if (this.plan?.when === 'before' && this.committed + 1 === this.plan.at) {
      this.cut();
      throw new PowerCut(label);
    }
  }

  after(label: string): void {
    this.committed++;
    this.labels.push(label);
    if (this.plan?.when === 'after' && this.committed === this.plan.at) {
      this.cut();
      throw new PowerCut(label);
    }
  }

  private cut(): void {
    this.dead = true;
    this.plan = null;
    this.onCut();
  }

  /** Power back: a new kiosk process will start over the same database and devices. */
  restore(): void {
    this.dead = false;
  }
}

export type OutboxRecord = { readonly type: string; readonly sessionId: string | null; readonly payload: Record<string, unknown> };

export class SessionHarness {
  readonly clock: FakeClock;
  readonly ports: FakePorts;
  readonly db: KioskDatabase;
  readonly store: SessionStore;
  runtime: SessionRuntime;
  readonly views: ViewModel[] = [];
  /** Every machine state seen (dotted paths), for coverage. */
  readonly visited = new Set<string>();
  /** Called with every view as it is published (privacy checks over every view). */
  onView: ((view: ViewModel) => void) | null = null;
  private sessionSeq = 0;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly options: HarnessOptions = {}) {
    this.clock = new FakeClock(options.start ?? WEDNESDAY_10AM);
    this.ports = createFakePorts(this.clock, { outOfDistrict: options.outOfDistrict ?? [] });
    const db = openDatabase(options.file ?? ':memory:');
    if (!db.ok) throw new Error(db.error.detail);
    this.db = db.value;
    this.store = new SessionStore(this.db, () => this.clock.now(), { kioskId: 'GJ-HALL-01', gate: options.gate });
    const gate = options.gate;
    if (gate instanceof PowerSwitch) {
      gate.onCut = () => {
        // Everything stops at once: the devices lose their listeners, the process its actor.
        this.ports.powerCycle();
        const dying = this.runtime;
        queueMicrotask(() => dying.stop());
      };
    }
    this.runtime = this.start();
  }

  private get dead(): boolean {
    const gate = this.options.gate;
    return gate instanceof PowerSwitch && gate.dead;
  }

  /** A (re)start of the kiosk service over the same database and devices, as after a crash. */
  start(): SessionRuntime {
    const runtime = createSessionRuntime({
      kioskId: 'GJ-HALL-01',
      siteName: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' },
      site: this.options.site ?? 'government-building',
      hours: this.options.hours ?? DISTRICT_OFFICE_HOURS,
      disabledDocuments: [],
      pxPerMm: 3.64,
      simulated: true,
      clock: this.clock,
      log: this.options.log ?? silentLogger(),
      ports: this.ports,
      store: this.store,
      feeSchedule: this.options.feeSchedule,
      newSessionId: () => `S${String(++this.sessionSeq).padStart(5, '0')}`,
    });
    this.unsubscribe();
    this.unsubscribe = runtime.subscribe((view) => {
      this.visited.add(runtime.inspect().state);
      if (this.options.keepViews !== false) this.views.push(view);
      this.onView?.(view);
    });
    this.runtime = runtime;
    return runtime;
  }

  get view(): ViewModel {
    return this.runtime.view();
  }

  get state(): string {
    return this.runtime.inspect().state;
  }

  async send(command: KioskCommand): Promise<CommandOutcome> {
    if (this.dead) throw new PowerCut(command.type);
    const outcome = await this.runtime.send(command);
    await this.clock.advance(0);
    return outcome;
  }

  /** Sends and insists that the session accepted it. */
  async do(command: KioskCommand): Promise<void> {
    const outcome = await this.send(command);
    if (this.dead) throw new PowerCut(command.type);
    if (!outcome.accepted) throw new Error(`${command.type} refused on ${this.state}: ${outcome.reason} ${outcome.detail}`);
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
  }

  /** Lets time pass, timer by timer, until the view satisfies `until` (or fails after `limitMs` of fake time). */
  async waitFor(until: (view: ViewModel) => boolean, limitMs = 600_000): Promise<ViewModel> {
    const start = this.clock.now();
    for (;;) {
      if (this.dead) throw new PowerCut('waiting');
      if (until(this.view)) return this.view;
      if (this.clock.now() - start > limitMs) throw new Error(`still on ${this.view.screen} (${this.state}) after ${limitMs} ms`);
      if (!(await this.clock.step())) await this.clock.advance(100);
    }
  }

  async waitForScreen(screen: ViewModel['screen'], limitMs?: number): Promise<ViewModel> {
    return this.waitFor((view) => view.screen === screen, limitMs);
  }

  // ---- a citizen ----

  /** From the attract screen: language, each document with its options, then on to identity. */
  async chooseDocuments(documents: readonly { code: DocumentCode; options?: Record<string, boolean | string | number>; copies?: number }[]): Promise<void> {
    await this.do({ type: 'touch' });
    await this.do({ type: 'chooseLanguage', language: 'ko' });
    for (const [index, document] of documents.entries()) {
      await this.do({ type: 'selectDocument', code: document.code });
      for (const [key, value] of Object.entries(document.options ?? {})) await this.do({ type: 'setOption', key, value });
      if (document.copies !== undefined) await this.do({ type: 'setCopies', code: document.code, copies: document.copies });
      await this.do({ type: index === documents.length - 1 ? 'confirmOptions' : 'addAnother' });
    }
  }

  async typeResidentNumber(number: string = FAKE_CITIZEN.residentNumber): Promise<void> {
    await this.waitForScreen('resident-number', 10_000);
    for (const digit of number.replace('-', '')) await this.do({ type: 'enterDigit', digit });
    await this.do({ type: 'confirmResidentNumber' });
  }

  /** Waits for the summary, pays (the guards run again), and waits for the payment or printing screen. */
  async pay(): Promise<void> {
    await this.waitFor((view) => view.screen === 'summary' && view.canPay, 30_000);
    await this.do({ type: 'pay' });
    await this.waitFor((view) => view.screen !== 'summary', 10_000);
  }

  /** Inserts notes one after the other, each once the acceptor is ready for it. */
  async insertNotes(notes: readonly Won[]): Promise<void> {
    for (const note of notes) {
      await this.waitFor((view) => view.screen === 'payment' && view.phase === 'insert' && this.ports.payment.ready, 30_000);
      if (this.dead) throw new PowerCut('insert');
      if (!this.ports.payment.insert(note)) throw new Error(`the acceptor did not take ${note}`);
      await this.clock.advance(0);
    }
  }

  async finish(limitMs = 600_000): Promise<void> {
    await this.waitFor((view) => view.screen === 'attract', limitMs);
  }

  // ---- what was recorded ----

  outbox(): OutboxRecord[] {
    return (this.db.prepare('SELECT type, session_id, payload FROM outbox ORDER BY seq').all() as { type: string; session_id: string | null; payload: string }[]).map(
      (row) => ({ type: row.type, sessionId: row.session_id, payload: JSON.parse(row.payload) as Record<string, unknown> }),
    );
  }

  stop(): void {
    this.unsubscribe();
    this.runtime.stop();
    this.db.close();
  }
}

/** Money by the outbox, per session: in = kept + change + refunds paid + refunds owed must hold to the won. */
export function ledgerOf(events: readonly OutboxRecord[], sessionId?: string) {
  const mine = sessionId === undefined ? events : events.filter((event) => event.sessionId === sessionId);
  const sum = (type: string, field = 'amount') => mine.filter((event) => event.type === type).reduce((total, event) => total + Number(event.payload[field] ?? 0), 0);
  return {
    in: sum('cash.note-stacked', 'value'),
    feesKept: sum('cash.fee-kept'),
    changePaid: sum('cash.change-paid'),
    refundPaid: sum('cash.refund-paid'),
    refundOwed: sum('cash.refund-owed'),
    outcomes: mine.filter((event) => event.type === 'session.completed').map((event) => String(event.payload.outcome)),
  };
}

/**
 * The ledger rules every test and every generated path ends with: per session, money in = fees kept + change +
 * refunds paid + refunds owed, exactly one outcome; and the devices agree (notes in the box, coins out).
 */
export function ledgerProblems(harness: SessionHarness): string[] {
  const events = harness.outbox();
  const problems: string[] = [];
  const sessions = new Set(events.map((event) => event.sessionId).filter((id): id is string => id !== null));
  let totalIn = 0;
  let coins = 0;
  for (const sessionId of sessions) {
    const ledger = ledgerOf(events, sessionId);
    totalIn += ledger.in;
    coins += ledger.changePaid + ledger.refundPaid;
    const out = ledger.feesKept + ledger.changePaid + ledger.refundPaid + ledger.refundOwed;
    if (ledger.in !== out) problems.push(`${sessionId}: in ${ledger.in} ≠ kept ${ledger.feesKept} + change ${ledger.changePaid} + refunds ${ledger.refundPaid} + owed ${ledger.refundOwed}`);
    if (ledger.outcomes.length !== 1) problems.push(`${sessionId}: ${ledger.outcomes.length} outcomes (${ledger.outcomes.join(', ')})`);
  }
  const box = harness.ports.payment.cashBox.reduce((sum, note) => sum + note, 0);
  if (box !== totalIn) problems.push(`cash box ${box} ≠ notes stacked by the outbox ${totalIn}`);
  if (harness.ports.payment.coinsOut !== coins) problems.push(`coins out ${harness.ports.payment.coinsOut} ≠ coins paid by the outbox ${coins}`);
  const pending = harness.store.journal.pending();
  if (pending.length > 0) problems.push(`pending journal steps: ${pending.map((entry) => entry.step).join(', ')}`);
  return problems;
}
