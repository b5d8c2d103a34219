import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DISTRICT_OFFICE_HOURS, type DocumentCode, type FeeSchedule, type OperatingHours, type SiteKind } from '../../catalog';
import { FakeClock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { BillAcceptor } from '../../devices/bill-acceptor/bill-acceptor';
import { Id003BillAcceptor } from '../../devices/bill-acceptor/driver';
import type { BillAcceptorSimulator } from '../../devices/bill-acceptor/simulator';
import type { CoinHoppers } from '../../devices/coin-hopper/coin-hoppers';
import { CcTalkCoinHoppers } from '../../devices/coin-hopper/driver';
import type { CoinHopperSimulator } from '../../devices/coin-hopper/simulator';
import { LoopbackPair } from '../../devices/transport/loopback';
import type { ViewModel } from '../../state-machines/view-model';
import type { CommandOutcome, KioskCommand } from '../api/contract';
import { createCashDevices } from '../cash/devices';
import { MoneyService, NO_SESSION, type JournalHookEvent } from '../cash/money-service';
import { openDatabase, type KioskDatabase } from '../store';
import { createFakePorts, FAKE_CITIZEN, type FakePorts } from './fakes';
import { recoverAtStartup } from './recovery';
import { createSessionRuntime, type SessionRuntime, type SessionRuntimeOptions } from './runtime';
import { SessionStore, type WriteGate } from './session-store';

/**
 * A kiosk on a bench: the session runtime over the fake records, identity and printing ports, the REAL money
 * service over the simulated cash devices (the ID-003 and ccTalk drivers over loopback pairs with their
 * simulators, as `createCashDevices` builds them for `driver: 'simulated'`), a fake clock and a real SQLite file,
 * plus a citizen who presses the buttons and puts notes in the slot. A power cut stops everything at a journal
 * write (the session's or the money service's); `restart()` starts a new kiosk process over the same database and
 * the same physical devices, in the order the composition root uses: devices → `recoverAtStartup` (the session's
 * paper, then `money.start({ feeKeptFor })`) → the session runtime. Used by the session's tests and its soak benchmark; never by
 * production code.
 */
export const WEDNESDAY_10AM = Date.parse('2026-11-25T10:00:00+09:00');

/**
 * The demo kiosk's session runtime with nothing connected (no devices, no office, no money: the session says why
 * and never acts), on a fake clock at WEDNESDAY_10AM unless told otherwise: for tests of the shells, the runtime and
 * the time limits.
 */
export function unconnectedRuntime(options: Partial<SessionRuntimeOptions> = {}): SessionRuntime {
  return createSessionRuntime({
    kioskId: 'GJ-HALL-01',
    siteName: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' },
    site: 'government-building',
    hours: DISTRICT_OFFICE_HOURS,
    disabledDocuments: [],
    pxPerMm: 3.64,
    simulated: true,
    clock: new FakeClock(WEDNESDAY_10AM),
    log: silentLogger(),
    ...options,
  });
}

/** The coin hoppers of the bench, as the demo configuration has them (₩500 at address 3, ₩100 at 4). */
export const BENCH_COINS: Readonly<Record<500 | 100, number>> = { 500: 200, 100: 500 };

export type HarnessOptions = {
  readonly start?: number;
  /** The database file (the soak benchmark keeps it); otherwise one in a fresh temporary directory. */
  readonly file?: string;
  readonly hours?: OperatingHours;
  readonly site?: SiteKind;
  readonly feeSchedule?: FeeSchedule;
  readonly log?: Logger;
  /** Crash tests: cuts the power at a journal write. */
  readonly power?: PowerSwitch;
  readonly outOfDistrict?: readonly DocumentCode[];
  /** Coins in the hoppers at the first start (the ledger is seeded with them). */
  readonly coins?: Partial<Record<500 | 100, number>>;
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
 * Cuts the power around the k-th journal transaction, counting the session's writes (`before`: the write never
 * happened, the device acted on the previous step; `after`: it committed, the device was not told) and the money
 * service's journal steps (`cash.stack:begun` … `cash.dispense:confirmed`: written, and the device not yet told or
 * not yet acknowledged; a cut there is always just after the write). Snapshot writes are not counted but die with
 * the power like everything else. `devices`: whether the cash devices lose power too, or only the kiosk process dies.
 */
export class PowerSwitch implements WriteGate {
  committed = 0;
  dead = false;
  readonly labels: string[] = [];
  onCut: () => void = () => undefined;
  devices: 'lose-power' | 'keep-power' = 'lose-power';
  private plan: { readonly at: number; readonly when: 'before' | 'after' } | null = null;

  arm(at: number, when: 'before' | 'after', devices: PowerSwitch['devices'] = 'lose-power'): this {
    this.plan = { at, when };
    this.devices = devices;
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

  /** The money service's journal hook: `begun` freezes the flow before the device acts, `confirmed` aborts it. */
  money(event: JournalHookEvent): void | Promise<void> {
    const label = `${event.step}:${event.phase}`;
    const die = () => {
      if (event.phase === 'begun') return new Promise<void>(() => undefined);
      throw new PowerCut(label);
    };
    if (this.dead) return die();
    this.committed++;
    this.labels.push(label);
    if (this.plan && this.committed === this.plan.at) {
      this.cut();
      return die();
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

/** The simulated cash devices: the physical world that survives a restart of the kiosk process. */
export type CashBench = {
  readonly acceptor: BillAcceptorSimulator;
  readonly hoppers: CoinHopperSimulator;
  /** Notes the citizen's hand put into the slot and got back (from the simulator's own events). */
  readonly citizen: { inserted: Won; returned: Won };
  acceptorLink: LoopbackPair;
  hopperLink: LoopbackPair;
};

export type OutboxRecord = { readonly type: string; readonly sessionId: string | null; readonly payload: Record<string, unknown> };

let voucherSeq = 0;

export class SessionHarness {
  readonly clock: FakeClock;
  readonly ports: FakePorts;
  readonly file: string;
  private readonly dir: string | null;
  db!: KioskDatabase;
  store!: SessionStore;
  money!: MoneyService;
  cash!: CashBench;
  runtime!: SessionRuntime;
  readonly views: ViewModel[] = [];
  /** Every machine state seen (dotted paths), for coverage. */
  readonly visited = new Set<string>();
  /** Called with every view as it is published (privacy checks over every view). */
  onView: ((view: ViewModel) => void) | null = null;
  private sessionSeq = 0;
  private unsubscribe: () => void = () => undefined;
  private drivers: { acceptor: BillAcceptor; hoppers: CoinHoppers } | null = null;

  private constructor(private readonly options: HarnessOptions) {
    this.clock = new FakeClock(options.start ?? WEDNESDAY_10AM);
    this.ports = createFakePorts(this.clock, { outOfDistrict: options.outOfDistrict ?? [] });
    if (options.file) {
      this.file = options.file;
      this.dir = null;
    } else {
      // tmpfs when there is one: synchronous=FULL costs a real fsync per transaction on a disk.
      const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
      this.dir = mkdtempSync(path.join(base, 'session-bench-'));
      this.file = path.join(this.dir, 'kiosk.sqlite');
    }
    const power = options.power;
    if (power) {
      power.onCut = () => {
        // Everything stops at once: the process (its actor, its drivers, its database handle) and, unless only the
        // process died, the devices.
        this.ports.powerCycle();
        const dying = this.runtime as SessionRuntime | undefined;
        queueMicrotask(() => dying?.stop());
        const drivers = this.drivers;
        this.drivers = null;
        if (drivers) void Promise.all([drivers.acceptor.stop(), drivers.hoppers.stop()]);
        this.db.close();
        if (power.devices === 'lose-power') {
          this.cash.acceptor.powerLoss();
          this.cash.hoppers.powerCut();
        }
      };
    }
  }

  /** A kiosk started for the first time: devices as the demo configuration has them, the ledger seeded. */
  static async create(options: HarnessOptions = {}): Promise<SessionHarness> {
    const harness = new SessionHarness(options);
    await harness.boot(true);
    return harness;
  }

  private get dead(): boolean {
    return this.options.power?.dead === true;
  }

  /** The start-up of the kiosk service, in the composition root's order. */
  private async boot(first: boolean): Promise<void> {
    const opened = openDatabase(this.file);
    if (!opened.ok) throw new Error(opened.error.detail);
    this.db = opened.value;
    this.store = new SessionStore(this.db, () => this.clock.now(), { kioskId: 'GJ-HALL-01', ...(this.options.power ? { gate: this.options.power } : {}) });
    const log = this.options.log ?? silentLogger();
    let initialCoins: ReadonlyMap<Won, number> | undefined;
    if (first) {
      const coins = { ...BENCH_COINS, ...this.options.coins };
      const built = createCashDevices(
        {
          billAcceptor: { driver: 'simulated' },
          coinHoppers: {
            driver: 'simulated',
            hoppers: [
              { coinValue: 500, address: 3, initialCoins: coins[500] },
              { coinValue: 100, address: 4, initialCoins: coins[100] },
            ],
          },
        },
        { clock: this.clock, log },
      );
      if (!built.ok) throw new Error(built.error);
      const { billAcceptor, coinHoppers } = built.value;
      if (billAcceptor.kind !== 'simulated' || coinHoppers.kind !== 'simulated') throw new Error('the bench needs simulated cash devices');
      const citizen = { inserted: 0, returned: 0 };
      billAcceptor.simulator.onEvent((event) => {
        if (event.type === 'note-inserted') citizen.inserted += event.value;
        if (event.type === 'note-returned') citizen.returned += event.value;
        if (event.type === 'note-removed' && event.reason === 'cheated') citizen.returned += event.value;
      });
      this.cash = { acceptor: billAcceptor.simulator, hoppers: coinHoppers.simulator, citizen, acceptorLink: billAcceptor.link, hopperLink: coinHoppers.link };
      this.drivers = { acceptor: billAcceptor.acceptor, hoppers: coinHoppers.hoppers };
      initialCoins = coinHoppers.initialCoins;
    } else {
      // A new process: new drivers on new cables to the same physical devices.
      const acceptorLink = new LoopbackPair('bill-acceptor');
      void acceptorLink.device.open();
      this.cash.acceptor.attach(acceptorLink.device);
      const hopperLink = new LoopbackPair('coin-hoppers', { echo: true });
      void hopperLink.device.open();
      this.cash.hoppers.attach(hopperLink.device);
      this.cash.acceptorLink = acceptorLink;
      this.cash.hopperLink = hopperLink;
      this.drivers = {
        acceptor: new Id003BillAcceptor({ transport: acceptorLink.host, clock: this.clock, log, isPresent: () => Promise.resolve(!acceptorLink.unplugged) }),
        hoppers: new CcTalkCoinHoppers({
          transport: hopperLink.host,
          clock: this.clock,
          log,
          hoppers: [
            { coinValue: 500, address: 3 },
            { coinValue: 100, address: 4 },
          ],
          isPresent: () => Promise.resolve(!hopperLink.unplugged),
        }),
      };
    }
    const power = this.options.power;
    this.money = new MoneyService({
      db: this.db,
      kioskId: 'GJ-HALL-01',
      clock: this.clock,
      acceptor: this.drivers.acceptor,
      hoppers: this.drivers.hoppers,
      log,
      voucherCode: () => `RV-TEST-${String(++voucherSeq).padStart(5, '0')}`,
      ...(power ? { onJournal: (event: JournalHookEvent) => power.money(event) } : {}),
      ...(initialCoins ? { initialHopperCoins: initialCoins } : {}),
    });
    await this.drive(recoverAtStartup({ ports: this.ports, money: this.money, store: this.store, log }));
    this.startRuntime(log);
  }

  private startRuntime(log: Logger): void {
    const runtime = createSessionRuntime({
      kioskId: 'GJ-HALL-01',
      siteName: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' },
      site: this.options.site ?? 'government-building',
      hours: this.options.hours ?? DISTRICT_OFFICE_HOURS,
      disabledDocuments: [],
      pxPerMm: 3.64,
      simulated: true,
      clock: this.clock,
      log,
      ports: this.ports,
      money: this.money,
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
  }

  /** Runs the fake clock, timer by timer, until `work` is done (the devices poll on it). */
  async drive<T>(work: Promise<T>, limitMs = 600_000): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    const start = this.clock.now();
    while (!done) {
      if (this.dead) throw new PowerCut('start-up');
      if (this.clock.now() - start > limitMs) throw new Error(`still working after ${limitMs} ms`);
      if (!(await this.clock.step())) await this.clock.advance(100);
    }
    return work;
  }

  /**
   * Power back after a cut (or the process killed now, if no cut happened): the devices come back on if they lost
   * power, and a new kiosk process starts over the same database and devices after `downForMs`.
   */
  async restart(options: { readonly downForMs?: number } = {}): Promise<SessionRuntime> {
    const power = this.options.power;
    const devicesOff = power?.dead === true && power.devices === 'lose-power';
    if (power?.dead) {
      power.restore();
    } else {
      // A process killed outside a journal write: it dies the same way, the devices keep their power.
      this.ports.powerCycle();
      this.runtime.stop();
      const drivers = this.drivers;
      this.drivers = null;
      if (drivers) await Promise.all([drivers.acceptor.stop(), drivers.hoppers.stop()]);
      this.db.close();
    }
    // The kiosk stays dark for a while; devices with power keep their own state (the unit gives a note in escrow back).
    await this.clock.advance(options.downForMs ?? 0);
    if (devicesOff) {
      this.cash.acceptor.powerOn();
      this.cash.hoppers.powerOn();
    }
    await this.boot(false);
    return this.runtime;
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

  /** Lets time pass until `until` holds (anything, not only the view). */
  async waitUntil(until: () => boolean, limitMs = 600_000, what = 'a condition'): Promise<void> {
    const start = this.clock.now();
    while (!until()) {
      if (this.dead) throw new PowerCut('waiting');
      if (this.clock.now() - start > limitMs) throw new Error(`${what} did not come within ${limitMs} ms (${this.state})`);
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
    await this.waitFor((view) => view.screen !== 'summary' && !(view.screen === 'payment' && this.state === 'payment.opening'), 10_000);
  }

  /** The acceptor is open for a note: the screen waits for one and the unit takes one at its slot. */
  get slotOpen(): boolean {
    return this.view.screen === 'payment' && this.state === 'payment.insert' && this.cash.acceptor.status().kind === 'idling';
  }

  /** Puts a note in the slot now (false: the unit did not draw it in). */
  insert(value: Won): boolean {
    return this.cash.acceptor.insertNote(value).ok;
  }

  /** Inserts notes one after the other, each once the acceptor is ready for it and the last one has settled. */
  async insertNotes(notes: readonly Won[]): Promise<void> {
    for (const note of notes) {
      await this.waitUntil(() => this.slotOpen, 30_000, `the slot for a ${note}-won note`);
      if (!this.insert(note)) throw new Error(`the acceptor did not take ${note}: ${this.cash.acceptor.status().kind}`);
      await this.waitUntil(() => this.state !== 'payment.insert' || this.cash.acceptor.status().kind !== 'accepting', 10_000, 'the note to be read');
    }
  }

  async finish(limitMs = 600_000): Promise<void> {
    await this.waitFor((view) => view.screen === 'attract', limitMs);
  }

  // ---- the technician ----

  /** Coins a hopper physically holds, counted into the ledger too (service mode, between sessions). */
  setCoins(coinValue: 500 | 100, coins: number): void {
    this.cash.hoppers.setCoins(coinValue, coins);
    const counted = this.money.countHopper(coinValue, coins);
    if (!counted.ok) throw new Error(counted.error.detail);
  }

  // ---- what was recorded ----

  outbox(): OutboxRecord[] {
    return (this.db.prepare('SELECT type, session_id, payload FROM outbox ORDER BY seq').all() as { type: string; session_id: string | null; payload: string }[]).map(
      (row) => ({ type: row.type, sessionId: row.session_id, payload: JSON.parse(row.payload) as Record<string, unknown> }),
    );
  }

  /** The events of the citizens' sessions (not the technician's or the devices' own). */
  sessionEvents(): OutboxRecord[] {
    return this.outbox().filter((event) => event.sessionId !== null && event.sessionId !== NO_SESSION);
  }

  /** Coins out of the hoppers (the tray), by the simulators' own count. */
  coinsOut(): Won {
    return this.cash.hoppers.totalPaid();
  }

  stop(): void {
    this.unsubscribe();
    this.runtime.stop();
    const drivers = this.drivers;
    this.drivers = null;
    if (drivers) void Promise.all([drivers.acceptor.stop(), drivers.hoppers.stop()]);
    if (this.db.open) this.db.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Money by the outbox, per session: in = kept + change + refunds paid + refunds owed must hold to the won. */
export function ledgerOf(events: readonly OutboxRecord[], sessionId?: string) {
  const mine = sessionId === undefined ? events : events.filter((event) => event.sessionId === sessionId);
  const sum = (type: string, field = 'amount') => mine.filter((event) => event.type === type).reduce((total, event) => total + Number(event.payload[field] ?? 0), 0);
  return {
    // A note stuck in the unit after escrow is the citizen's money taken in (and refunded) as much as a stacked one.
    in: sum('cash.note-stacked', 'value') + sum('cash.note-jammed', 'value'),
    feesKept: sum('cash.fee-kept'),
    changePaid: sum('cash.change-paid'),
    refundPaid: sum('cash.refund-paid'),
    refundOwed: sum('cash.refund-owed'),
    outcomes: mine.filter((event) => event.type === 'session.completed').map((event) => String(event.payload.outcome)),
  };
}

/**
 * The ledger rules every test and every generated path ends with: per session, money in = fees kept + change +
 * refunds paid + refunds owed by the cash.* events (written by the money service alone), the fees kept are those of
 * the documents issued, exactly one outcome whose money is the same; and the physical world agrees: the cash box holds the notes stacked, the tray the coins paid,
 * and the citizen's net outlay is the fees kept. Nothing pending, no account open.
 */
export function ledgerProblems(harness: SessionHarness): string[] {
  const events = harness.outbox();
  const problems: string[] = [];
  // Steps for notes that came with no session collecting are the money service's own (NO_SESSION).
  const sessions = new Set(events.map((event) => event.sessionId).filter((id): id is string => id !== null && id !== NO_SESSION));
  let coins = 0;
  let fees = 0;
  let owed = 0;
  for (const sessionId of sessions) {
    const ledger = ledgerOf(events, sessionId);
    coins += ledger.changePaid + ledger.refundPaid;
    fees += ledger.feesKept;
    owed += ledger.refundOwed;
    const out = ledger.feesKept + ledger.changePaid + ledger.refundPaid + ledger.refundOwed;
    if (ledger.in !== out) problems.push(`${sessionId}: in ${ledger.in} ≠ kept ${ledger.feesKept} + change ${ledger.changePaid} + refunds ${ledger.refundPaid} + owed ${ledger.refundOwed}`);
    if (ledger.outcomes.length !== 1) {
      problems.push(`${sessionId}: ${ledger.outcomes.length} outcomes (${ledger.outcomes.join(', ')})`);
      continue;
    }
    // Fees are kept for the documents issued, and only for them (the session's paper and the money service agree).
    const issuedFees = events.filter((event) => event.sessionId === sessionId && event.type === 'document.issued').reduce((sum, event) => sum + Number(event.payload.fee ?? 0), 0);
    if (issuedFees !== ledger.feesKept) problems.push(`${sessionId}: documents issued for ${issuedFees} won, fees kept ${ledger.feesKept}`);
    const completed = events.find((event) => event.sessionId === sessionId && event.type === 'session.completed');
    const money = completed?.payload.money as Record<string, number> | undefined;
    const expected = { in: ledger.in, feesKept: ledger.feesKept, changePaid: ledger.changePaid, refundPaid: ledger.refundPaid, refundOwed: ledger.refundOwed };
    if (JSON.stringify(money) !== JSON.stringify(expected)) problems.push(`${sessionId}: session.completed says ${JSON.stringify(money)}, the cash events ${JSON.stringify(expected)}`);
  }
  const stacked = events.filter((event) => event.type === 'cash.note-stacked').reduce((sum, event) => sum + Number(event.payload.value ?? 0), 0);
  const box = harness.cash.acceptor.cashBoxTotal();
  if (box !== stacked) problems.push(`cash box ${box} ≠ notes stacked by the outbox ${stacked}`);
  if (harness.coinsOut() !== coins) problems.push(`coins out ${harness.coinsOut()} ≠ coins paid by the outbox ${coins}`);
  const citizen = harness.cash.citizen.inserted - harness.cash.citizen.returned;
  if (citizen !== fees + coins + owed) problems.push(`the citizens' net ${citizen} ≠ fees ${fees} + coins ${coins} + vouchers ${owed}`);
  const pending = harness.store.journal.pending();
  if (pending.length > 0) problems.push(`pending journal steps: ${pending.map((entry) => entry.step).join(', ')}`);
  const open = harness.db.prepare("SELECT session_id FROM cash_accounts WHERE status != 'closed'").pluck().all() as string[];
  if (open.length > 0) problems.push(`open cash accounts: ${open.join(', ')}`);
  return problems;
}
