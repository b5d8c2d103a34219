import type { Clock } from '../../common/clock';
import { logged, silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import type { BillAcceptor, BillAcceptorEvent, BillAcceptorFaultCode, BillInPath } from '../../devices/bill-acceptor/bill-acceptor';
import { ActiveCollection } from './collection';
import { emptyOutcome, faultKindOf, outcomeLabel, outcomeOf } from './outcomes';
import { confirmedHook, payOut } from './payout';
import type { CoinHoppers, CoinHoppersEvent, DispenseBaseline } from '../../devices/coin-hopper/coin-hoppers';
import type { KioskDatabase } from '../store/database';
import type { JournalEntry } from '../store/journal';
import { CashLedger, heldFor, type CashAccount, type CashStep, type DispensePurpose, type DispenseStepDetail, type RefundVoucher } from './ledger';
import { acceptableNotes, decideEscrow, type CoinStock } from './policy';
import type {
  CashDesk,
  CashReadiness,
  CashStatus,
  Collection,
  CollectError,
  NoteReturnReason,
  PayoutProgress,
  ServiceError,
  SessionMoneyOutcome,
  SettleOptions,
  SettlementReport,
} from './types';

/**
 * The money of the kiosk: takes notes for a session through escrow, keeps the fee, gives change and refunds,
 * settles what a crash left unfinished. Every step is journaled before a device acts and confirmed after, with its
 * outbox event in the same transaction (CashLedger). Device events are handled here at all times — during a
 * collection, between sessions and while the devices start — so a note or a coin is never unaccounted for.
 */

/** How long stopping a collection waits for a note still moving in the acceptor. */
export const NOTE_SETTLE_TIMEOUT_MS = 20_000;
const STOP_POLL_MS = 50;
/** Journal steps for notes that arrive with no session collecting. */
export const NO_SESSION = 'no-session';

export type JournalHookEvent = {
  readonly step: CashStep;
  /** `begun`: written, the device not yet told; `confirmed`: the device's answer written. */
  readonly phase: 'begun' | 'confirmed';
  readonly journalId: number;
  readonly sessionId: string;
};

export type MoneyServiceOptions = {
  readonly db: KioskDatabase;
  readonly kioskId: string;
  readonly clock: Clock;
  readonly acceptor: BillAcceptor;
  readonly hoppers: CoinHoppers;
  readonly log?: Logger;
  /**
   * Called after each journal write. `begun` hooks are awaited before the device acts; `confirmed` hooks run
   * synchronously (for a note, before the acceptor is acknowledged). Tests inject power cuts here.
   */
  readonly onJournal?: (event: JournalHookEvent) => void | Promise<void>;
  readonly voucherCode?: (now: number) => string;
  /** Coins the hoppers hold when the ledger has never seen them (the demo's simulated hoppers). */
  readonly initialHopperCoins?: ReadonlyMap<Won, number>;
};

type NoteStep = {
  readonly journalId: number;
  readonly kind: 'stack' | 'return';
  readonly sessionId: string;
  readonly value: Won;
  readonly reason: NoteReturnReason | undefined;
};

export class MoneyService implements CashDesk {
  readonly ledger: CashLedger;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly acceptor: BillAcceptor;
  private readonly hoppers: CoinHoppers;
  private readonly onJournal: MoneyServiceOptions['onJournal'];
  private readonly initialHopperCoins: ReadonlyMap<Won, number> | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private active: ActiveCollection | undefined;
  private note: NoteStep | undefined;
  private pendingAtStart: JournalEntry[] = [];
  private paying = false;
  /** The acceptor's last fault while it is in `fault` (the guards tell a full cash box from other faults). */
  private acceptorFault: BillAcceptorFaultCode | undefined;
  /** Accounts are closed outside a session only after the start-up settlement (which knows earned fees). */
  private settledOnce = false;

  constructor(options: MoneyServiceOptions) {
    this.clock = options.clock;
    this.log = options.log ?? silentLogger();
    this.acceptor = options.acceptor;
    this.hoppers = options.hoppers;
    this.onJournal = options.onJournal;
    this.initialHopperCoins = options.initialHopperCoins;
    this.ledger = new CashLedger(options.db, {
      kioskId: options.kioskId,
      now: () => options.clock.now(),
      ...(options.voucherCode ? { voucherCode: options.voucherCode } : {}),
    });
    this.unsubscribe.push(this.acceptor.subscribe((event) => this.onAcceptor(event)));
    this.unsubscribe.push(this.hoppers.subscribe((event) => this.onHoppers(event)));
  }

  // ============================================================ start-up and settlement

  /** Start both devices (their start-up reports are settled against the journal) and settle what is unfinished. */
  async start(options: SettleOptions = {}): Promise<SettlementReport> {
    this.pendingAtStart = this.ledger.pendingSteps();
    this.seedHoppers();
    const acceptor = await this.acceptor.start();
    if (!acceptor.ok) this.log.error({ event: 'cash.acceptor-start-failed', detail: acceptor.error.detail });
    const hoppers = await this.hoppers.start();
    for (const h of hoppers.hoppers) {
      if (h.state !== 'ready') this.log.warn({ event: 'cash.hopper-not-ready', coinValue: h.identity.coinValue, state: h.state, detail: h.detail });
    }
    return this.settleUnfinished(options);
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.acceptor.stop();
    await this.hoppers.stop();
  }

  /**
   * Settle, from the journal and the devices' own counters, what a crash or power cut left unfinished: notes
   * whose fate the acceptor's start-up told (handled as its events arrived), dispenses (counted from the
   * hopper's event counter and dispense count, never repeated), and accounts of sessions that will not come back
   * (refunded by voucher, less the fee their documents earned).
   */
  async settleUnfinished(options: SettleOptions = {}): Promise<SettlementReport> {
    const vouchers: RefundVoucher[] = [];
    const accounts: SessionMoneyOutcome[] = [];
    if (this.acceptorAnswers()) this.resolveLeftoverNoteSteps('the unit held no note at start-up');
    for (const entry of this.ledger.pendingSteps('cash.dispense')) await this.settleDispense(entry);
    for (const account of this.ledger.openAccounts()) {
      if (this.active?.sessionId === account.sessionId) continue;
      if (this.ledger.pendingSteps().some((entry) => entry.sessionId === account.sessionId)) continue;
      const outcome = this.closeWithVoucher(account, options.feeKeptFor?.(account.sessionId) ?? 0, 'settled-after-restart');
      accounts.push(outcome);
      if (outcome.voucher) vouchers.push(outcome.voucher);
    }
    this.settledOnce = true;
    const touched = new Set(this.pendingAtStart.map((entry) => entry.id));
    const steps = [...touched].flatMap((id) => {
      const entry = this.ledger.journal.get(id);
      return entry ? [{ journalId: id, sessionId: entry.sessionId, step: entry.step, status: entry.status, detail: entry.detail }] : [];
    });
    const unresolved = this.ledger.pendingSteps().length + this.ledger.openAccounts().filter((a) => a.sessionId !== this.active?.sessionId).length;
    this.log.info({ event: 'cash.settled', steps: steps.length, accounts: accounts.length, vouchers: vouchers.length, unresolved });
    return { steps, accounts, vouchers, unresolved };
  }

  private seedHoppers(): void {
    if (!this.initialHopperCoins) return;
    const known = this.ledger.hopperCoins();
    for (const [coinValue, coins] of this.initialHopperCoins) {
      if (!known.has(coinValue) && coins > 0) this.ledger.refillHopper(coinValue, coins, { reason: 'initial fill (simulated hoppers)' });
    }
  }

  private async settleDispense(entry: JournalEntry): Promise<void> {
    const detail = entry.detail as unknown as DispenseStepDetail;
    const baseline: DispenseBaseline = {
      coinValue: detail.coinValue,
      address: detail.address,
      count: detail.count,
      eventCounter: detail.eventCounter,
      coinsRemaining: detail.coinsRemaining,
      lastPaid: detail.lastPaid,
      lastUnpaid: detail.lastUnpaid,
      dispenseCount: detail.dispenseCount,
    };
    const outcome = await this.hoppers.finishInterrupted(baseline);
    if (!outcome.ok) {
      this.log.warn({ event: 'cash.dispense-unresolved', journalId: entry.id, detail: outcome.error.detail });
      return;
    }
    this.ledger.finishDispense(entry.id, outcome.value, true);
    this.log.info({ event: 'cash.dispense-settled', journalId: entry.id, paid: outcome.value.paid, unpaid: outcome.value.unpaid });
  }

  /** Note steps still pending once the acceptor answers with nothing in its path: nothing was received. */
  private resolveLeftoverNoteSteps(why: string): void {
    for (const entry of [...this.ledger.pendingSteps('cash.stack'), ...this.ledger.pendingSteps('cash.return')]) {
      if (this.note?.journalId === entry.id && this.acceptor.noteInPath()) continue;
      if (entry.step === 'cash.stack') this.ledger.failStack(entry.id, why);
      else this.ledger.confirmReturn(entry.id, why);
      if (this.note?.journalId === entry.id) this.note = undefined;
    }
  }

  // ============================================================ collecting

  async collect(sessionId: string, amountDue: Won): Promise<Result<Collection, CollectError>> {
    if (!Number.isSafeInteger(amountDue) || amountDue <= 0) return err({ kind: 'nothing-due', detail: `nothing to collect (${amountDue} won)` });
    if (this.active) return err({ kind: 'busy', detail: `session ${this.active.sessionId} is using the cash devices` });
    const existing = this.ledger.account(sessionId);
    // Only an account that never took a note may collect again (the citizen went back to the summary, then paid).
    if (existing && existing.received > 0) return err({ kind: 'session-exists', detail: `session ${sessionId} already has a cash account` });
    const state = this.acceptor.state();
    if (state !== 'disabled' && state !== 'idle') return err({ kind: 'acceptor-unavailable', detail: `the bill acceptor is ${state}` });
    const notes = this.acceptableNow(amountDue, 0);
    if (notes.length === 0) {
      return err({ kind: 'change-unavailable', detail: `no note can pay ${amountDue} won with the change the hoppers hold` });
    }
    if (existing) this.ledger.reopenAccount(sessionId, amountDue);
    else this.ledger.openAccount(sessionId, amountDue);
    const collection = new ActiveCollection(sessionId, amountDue, this);
    this.active = collection;
    const enabled = await this.acceptor.enable(notes);
    if (!enabled.ok) {
      this.active = undefined;
      this.ledger.closeAccount(sessionId);
      return err({ kind: 'acceptor-unavailable', detail: enabled.error.detail });
    }
    collection.enabled = enabled.value;
    // Cancelled while the acceptor was being enabled: take that back at once.
    if (collection.state !== 'collecting') await this.acceptor.disable();
    this.log.info({ event: 'cash.collect.start', sessionId, amountDue, notes: enabled.value });
    return ok(collection);
  }

  /** The received total of a session's account. */
  receivedBy(sessionId: string): Won {
    return this.ledger.account(sessionId)?.received ?? 0;
  }

  async stopCollection(sessionId: string): Promise<void> {
    const c = this.active;
    if (!c || c.sessionId !== sessionId) return;
    if (c.state === 'collecting') c.state = 'stopped';
    const disabled = await this.acceptor.disable();
    if (!disabled.ok) this.log.warn({ event: 'cash.disable-failed', detail: disabled.error.detail });
    const deadline = this.clock.now() + NOTE_SETTLE_TIMEOUT_MS;
    for (;;) {
      const moving = (this.note !== undefined && this.note.sessionId === sessionId) || this.acceptor.noteInPath() !== undefined;
      const state = this.acceptor.state();
      if (!moving || state === 'offline' || state === 'fault') return;
      if (this.clock.now() > deadline) {
        this.log.error({ event: 'cash.note-did-not-settle', sessionId });
        return;
      }
      await this.clock.sleep(STOP_POLL_MS);
    }
  }

  async cancel(sessionId: string, onProgress?: PayoutProgress): Promise<SessionMoneyOutcome> {
    return logged(this.log, 'cash.cancel', { sessionId }, () => this.closeSession(sessionId, 0, 'refund', onProgress), outcomeLabel);
  }

  async settle(sessionId: string, feeKept: Won, onProgress?: PayoutProgress): Promise<SessionMoneyOutcome> {
    return logged(this.log, 'cash.settle', { sessionId, feeKept }, () => this.closeSession(sessionId, feeKept, 'change', onProgress), outcomeLabel);
  }

  readiness(amountDue: Won): CashReadiness {
    const state = this.acceptor.state();
    let acceptor: CashReadiness['acceptor'];
    switch (state) {
      case 'disabled':
      case 'idle':
        acceptor = this.active ? 'fault' : 'ready';
        break;
      case 'offline':
      case 'starting':
        acceptor = 'offline';
        break;
      case 'fault':
        acceptor = this.acceptorFault === 'stacker-full' ? 'full' : 'fault';
        break;
      default:
        // A note is moving with no session waiting for it, or another collection is open.
        acceptor = 'fault';
        break;
    }
    const states = this.hoppers.coinValues().map((coinValue) => this.hoppers.state(coinValue));
    const hoppers: CashReadiness['hoppers'] = states.includes('ready') || states.includes('paying')
      ? 'ready'
      : states.every((h) => h === 'offline' || h === 'starting')
        ? 'offline'
        : 'fault';
    const notes = acceptor === 'ready' && amountDue > 0 ? this.acceptableNow(amountDue, 0) : [];
    return { acceptor, hoppers, notes };
  }

  account(sessionId: string): CashAccount | undefined {
    return this.ledger.account(sessionId);
  }

  vouchersToPrint(sessionId: string): readonly RefundVoucher[] {
    return this.ledger.unprintedVouchers(sessionId);
  }

  private async closeSession(sessionId: string, feeWanted: Won, purpose: DispensePurpose, onProgress?: PayoutProgress): Promise<SessionMoneyOutcome> {
    await this.stopCollection(sessionId);
    let account = this.ledger.account(sessionId);
    if (!account) {
      if (this.active?.sessionId === sessionId) this.active = undefined;
      return emptyOutcome(sessionId);
    }
    const fee = Math.max(0, Math.min(feeWanted - account.feeKept, heldFor(account)));
    this.ledger.keepFee(sessionId, fee);
    account = this.ledger.account(sessionId) ?? account;
    const held = heldFor(account);
    // Change for an overpayment first, then the refund of fees not earned; each as the events say it.
    const change = purpose === 'change' ? Math.min(held, Math.max(0, account.received - account.amountDue)) : 0;
    const refund = held - change;
    const coins: Record<string, number> = {};
    this.paying = true;
    // Coins out so far: those of finished dispenses plus the one under way, as the hopper counts them.
    const paidSoFar = () => Object.entries(coins).reduce((sum, [coin, count]) => sum + Number(coin) * count, 0);
    const unsubscribe = onProgress
      ? this.hoppers.subscribe((event) => {
          if (event.type === 'coins-paid') onProgress(paidSoFar() + event.paid * event.coinValue);
        })
      : undefined;
    let changeOut;
    let refundOut;
    try {
      const payer = { ledger: this.ledger, hoppers: this.hoppers, log: this.log, onJournal: this.onJournal, stock: (excluded: ReadonlySet<Won>) => this.stock(excluded) };
      changeOut = await payOut(payer, sessionId, change, 'change', coins);
      refundOut = await payOut(payer, sessionId, refund, 'refund', coins);
    } finally {
      this.paying = false;
      unsubscribe?.();
    }
    const inDoubt = changeOut.inDoubt + refundOut.inDoubt;
    const unpaid = changeOut.unpaid + refundOut.unpaid;
    const voucher = unpaid > 0 ? this.ledger.owe(sessionId, unpaid, changeOut.unpaid > 0 ? 'change-short' : 'refund-short') : undefined;
    if (voucher) this.log.warn({ event: 'cash.voucher', sessionId, amount: voucher.amount, code: voucher.code });
    account = this.ledger.account(sessionId) ?? account;
    const closed = inDoubt === 0 && heldFor(account) === 0 && !this.ledger.pendingSteps().some((e) => e.sessionId === sessionId);
    if (closed) account = this.ledger.closeAccount(sessionId);
    if (this.active?.sessionId === sessionId) this.active = undefined;
    const outcome = outcomeOf(account, coins, voucher, inDoubt, closed);
    this.log.info({ event: 'cash.session-settled', ...outcome, voucher: voucher?.code });
    return outcome;
  }

  private closeWithVoucher(account: CashAccount, feeWanted: Won, reason: 'settled-after-restart' | 'late-note'): SessionMoneyOutcome {
    const fee = Math.max(0, Math.min(feeWanted - account.feeKept, heldFor(account)));
    this.ledger.keepFee(account.sessionId, fee);
    const refreshed = this.ledger.account(account.sessionId) ?? account;
    const held = heldFor(refreshed);
    const voucher = held > 0 ? this.ledger.owe(account.sessionId, held, reason) : undefined;
    const closed = this.ledger.closeAccount(account.sessionId);
    return outcomeOf(closed, {}, voucher, 0, true);
  }

  // ============================================================ bill acceptor events

  private onAcceptor(event: BillAcceptorEvent): void {
    switch (event.type) {
      case 'escrow':
        void this.decideEscrow(event.value, event.escrowCode).catch((error) =>
          this.log.error({ event: 'cash.escrow-failed', error }),
        );
        return;
      case 'credited':
        // Deliberately not caught: if the credit cannot be written, the driver must not acknowledge VEND VALID.
        this.onCredited(event.value, event.atStart);
        return;
      case 'stacked':
        return;
      case 'returned':
        return this.guard(() => this.onReturned(event.value));
      case 'rejected':
        if (this.active?.state === 'collecting') this.active.emit({ type: 'note-rejected', reason: event.reason });
        return;
      case 'fault':
        return this.guard(() => this.onAcceptorFault(event.code, event.detail, event.note));
      case 'recovered':
        return this.guard(() => {
          this.acceptorFault = undefined;
          this.ledger.recordDeviceRecovered('bill-acceptor');
          if (!this.acceptor.noteInPath()) this.resolveLeftoverNoteSteps('the unit held no note when it came back');
          this.closeOrphanAccounts();
        });
      case 'power-up':
        return this.guard(() => this.onPowerUp(event.billInPath));
      case 'status': {
        const c = this.active;
        if (event.state === 'accepting' && c?.state === 'collecting') c.emit({ type: 'note-reading' });
        // Safety net: the unit is idle again but the session was never told how its note ended (e.g. the unit
        // restarted mid-note and gave it back). Say so, so the screen never waits on a note that is gone.
        if ((event.state === 'idle' || event.state === 'disabled') && c?.noteInHand && !this.note) {
          c.emit({ type: 'note-returned', value: undefined, reason: 'not-accepted' });
        }
        return;
      }
    }
  }

  private async decideEscrow(value: Won, escrowCode: number): Promise<void> {
    const c = this.active;
    const sessionId = c?.sessionId ?? NO_SESSION;
    let reason: NoteReturnReason | undefined;
    if (!c || c.state !== 'collecting') reason = c?.state === 'paid' ? 'already-paid' : 'collection-stopped';
    else {
      c.emit({ type: 'note-escrowed', value });
      const decision = decideEscrow({ amountDue: c.amountDue, received: this.receivedBy(sessionId), note: value, stock: this.stock() });
      if (decision.action === 'return') reason = decision.reason;
    }
    if (reason === undefined) {
      const journalId = this.ledger.beginStack(sessionId, value, escrowCode);
      this.note = { journalId, kind: 'stack', sessionId, value, reason: undefined };
      await this.onJournal?.({ step: 'cash.stack', phase: 'begun', journalId, sessionId });
      c?.emit({ type: 'note-stacking', value });
      const stacked = await this.acceptor.stack();
      // A refused STACK (the unit already gave the note back) resolves through the unit's next statuses.
      if (!stacked.ok) this.log.warn({ event: 'cash.stack-refused', value, detail: stacked.error.detail });
      return;
    }
    const journalId = this.ledger.beginReturn(sessionId, value, reason);
    this.note = { journalId, kind: 'return', sessionId, value, reason };
    await this.onJournal?.({ step: 'cash.return', phase: 'begun', journalId, sessionId });
    if (c?.state === 'collecting') c.emit({ type: 'note-returning', value, reason });
    const returned = await this.acceptor.returnBill();
    if (!returned.ok) this.log.warn({ event: 'cash.return-refused', value, detail: returned.error.detail });
  }

  private onCredited(value: Won, atStart: boolean): void {
    const pending = this.note?.kind === 'stack' ? this.ledger.journal.get(this.note.journalId) : this.latestPending('cash.stack');
    if (pending && pending.status === 'pending') {
      this.ledger.creditStack(pending.id, value, atStart ? 'vend-valid-at-start' : 'vend-valid');
      if (this.note?.journalId === pending.id) this.note = undefined;
      this.hookNow('cash.stack', pending.id, pending.sessionId);
      this.afterCredit(pending.sessionId, value);
      return;
    }
    const latest = this.ledger.latestStackStep();
    if (atStart && latest?.status === 'confirmed') {
      // The previous run wrote the credit and died before its ACK: the same note, already counted.
      this.log.info({ event: 'cash.credit-already-written', journalId: latest.id, value });
      return;
    }
    const sessionId = this.active?.state === 'collecting' ? this.active.sessionId : null;
    this.log.warn({ event: 'cash.unexpected-credit', value, sessionId, atStart });
    this.ledger.creditUnexpected(sessionId, value, { atStart });
    if (sessionId) this.afterCredit(sessionId, value);
  }

  private afterCredit(sessionId: string, value: Won): void {
    const c = this.active;
    if (!c || c.sessionId !== sessionId) return;
    const received = this.receivedBy(sessionId);
    const remaining = Math.max(0, c.amountDue - received);
    c.notes.push(value);
    c.emit({ type: 'note-stacked', value, received, remaining });
    if (remaining === 0 && c.state === 'collecting') {
      c.state = 'paid';
      this.ledger.markPaid(sessionId);
      this.log.info({ event: 'cash.collect.paid', sessionId, received });
      c.emit({ type: 'paid', received, change: received - c.amountDue });
      void this.acceptor.disable().catch((error) => this.log.error({ event: 'cash.disable-failed', error }));
      return;
    }
    if (c.state === 'collecting') {
      void this.refreshAcceptance(c).catch((error) => this.log.error({ event: 'cash.refresh-acceptance-failed', error }));
    }
  }

  private async refreshAcceptance(c: ActiveCollection): Promise<void> {
    const received = this.receivedBy(c.sessionId);
    const notes = this.acceptableNow(c.amountDue, received);
    if (notes.length === 0) {
      c.emit({ type: 'cannot-complete', received, remaining: c.amountDue - received });
      return;
    }
    if (notes.join() === c.enabled.join()) return;
    const enabled = await this.acceptor.enable(notes);
    if (enabled.ok && c.state === 'collecting') {
      c.enabled = enabled.value;
      c.emit({ type: 'accepting', notes: enabled.value });
    }
  }

  private onReturned(value: Won | undefined): void {
    const step = this.note ?? this.noteStepFromJournal();
    this.note = undefined;
    if (!step) return;
    if (step.kind === 'return') this.ledger.confirmReturn(step.journalId, 'returned');
    else this.ledger.failStack(step.journalId, 'the unit gave the note back');
    const c = this.active;
    if (c && c.sessionId === step.sessionId && c.state === 'collecting') {
      c.emit({ type: 'note-returned', value: value ?? step.value, reason: step.reason ?? 'not-accepted' });
    }
  }

  private onAcceptorFault(code: BillAcceptorFaultCode, detail: string, noteInPath: { value: Won | undefined; stage: string } | undefined): void {
    const c = this.active;
    this.acceptorFault = code;
    this.ledger.recordDeviceFault('bill-acceptor', code, detail, c?.sessionId ?? null);
    const linkDown = code === 'device-gone' || code === 'not-responding' || code === 'cannot-open';
    // After a restart the note step in progress is only in the journal (a unit found jammed at start-up).
    const step = this.note ?? (linkDown ? undefined : this.noteStepFromJournal());
    let noteCounted: Won | undefined;
    let noteUncertain: Won | undefined;
    switch (code) {
      case 'jam-in-acceptor':
      case 'jam-in-stacker':
      case 'failure':
      case 'stacker-open':
        if (step) {
          // Stuck after escrow, never credited: the citizen's money is in the machine; count it and refund it.
          this.ledger.recordJammedNote(step.journalId, noteInPath?.stage ?? 'unknown');
          this.note = undefined;
          noteCounted = step.value;
        } else if (noteInPath && noteInPath.value === undefined && code !== 'stacker-open') {
          this.ledger.recordUnreadJam(c?.sessionId ?? null, noteInPath.stage);
        }
        break;
      case 'cheated':
        if (step) {
          // Pulled back on a string: not money received.
          if (step.kind === 'stack') this.ledger.failStack(step.journalId, 'cheated');
          else this.ledger.confirmReturn(step.journalId, 'cheated');
          this.note = undefined;
        }
        break;
      case 'device-gone':
      case 'not-responding':
      case 'cannot-open':
        // Its fate is unknown until the unit answers: the step stays pending and is settled then.
        if (step) noteUncertain = step.value;
        break;
      case 'stacker-full':
      case 'pause':
        break;
    }
    if (c && (c.state === 'collecting' || c.state === 'stopped')) {
      if (c.state === 'collecting') c.state = 'faulted';
      c.emit({ type: 'fault', fault: faultKindOf(code), detail, received: this.receivedBy(c.sessionId), noteCounted, noteUncertain });
    }
  }

  private onPowerUp(billInPath: BillInPath): void {
    const step = this.note ?? this.noteStepFromJournal();
    this.note = undefined;
    if (billInPath === 'in-stacker') {
      if (step) {
        // The note reached the stacker before power was lost: it is in the box, so it was received.
        this.ledger.creditStack(step.journalId, step.value, 'power-up-bill-in-stacker');
        this.afterCredit(step.sessionId, step.value);
        return;
      }
      if (this.ledger.latestStackStep()?.status === 'confirmed') return;
      this.ledger.creditUnexpected(null, 0, { powerUp: 'bill-in-stacker', valueUnknown: true });
      return;
    }
    if (!step) return;
    const why = billInPath === 'in-acceptor' ? 'given back by the unit at power-up' : 'not in the unit at power-up';
    if (step.kind === 'stack') this.ledger.failStack(step.journalId, why);
    else this.ledger.confirmReturn(step.journalId, why);
    const c = this.active;
    if (c && c.sessionId === step.sessionId && c.noteInHand) c.emit({ type: 'note-returned', value: step.value, reason: step.reason ?? 'not-accepted' });
  }

  /** Accounts of past sessions re-opened by a late note (or left open by a device outage): close by voucher. */
  private closeOrphanAccounts(): void {
    if (!this.settledOnce) return;
    for (const account of this.ledger.openAccounts()) {
      if (account.sessionId === this.active?.sessionId) continue;
      if (this.ledger.pendingSteps().some((entry) => entry.sessionId === account.sessionId)) continue;
      const outcome = this.closeWithVoucher(account, 0, 'late-note');
      this.log.warn({ event: 'cash.late-settlement', sessionId: account.sessionId, voucher: outcome.voucher?.code, amount: outcome.refundOwed });
    }
  }

  // ============================================================ hopper events

  private onHoppers(event: CoinHoppersEvent): void {
    switch (event.type) {
      case 'fault':
        return this.guard(() => this.ledger.recordDeviceFault(`coin-hopper-${event.coinValue}`, event.code, event.detail, this.active?.sessionId ?? null));
      case 'recovered':
        this.guard(() => this.ledger.recordDeviceRecovered(`coin-hopper-${event.coinValue}`));
        if (!this.paying) void this.settleInDoubt(event.coinValue);
        return;
      case 'coins-paid':
      case 'level':
      case 'status':
        return;
    }
  }

  /** A hopper came back: settle dispenses left in doubt, then any account they kept open. */
  private async settleInDoubt(coinValue: Won): Promise<void> {
    try {
      for (const entry of this.ledger.pendingSteps('cash.dispense')) {
        if ((entry.detail as unknown as DispenseStepDetail).coinValue === coinValue) await this.settleDispense(entry);
      }
      this.closeOrphanAccounts();
    } catch (error) {
      this.log.error({ event: 'cash.settle-in-doubt-failed', error });
    }
  }

  // ============================================================ service mode and status

  status(): CashStatus {
    const coins = this.ledger.hopperCoins();
    const hoppers = this.hoppers.coinValues().map((coinValue) => ({
      coinValue,
      coins: coins.get(coinValue) ?? 0,
      state: this.hoppers.state(coinValue),
      level: this.hoppers.level(coinValue),
    }));
    return {
      cashBox: this.ledger.cashBox(),
      hoppers,
      acceptor: { state: this.acceptor.state(), denominations: this.acceptor.denominations().map((d) => d.value) },
      changeCapacity: this.stock().reduce((sum, s) => sum + s.coins * s.coinValue, 0),
      openAccounts: this.ledger.openAccounts().length,
      pendingSteps: this.ledger.pendingSteps().length,
    };
  }

  refillHopper(coinValue: Won, coins: number): Result<void, ServiceError> {
    if (this.active) return err({ kind: 'busy', detail: 'a session is using the cash devices' });
    if (!this.hoppers.coinValues().includes(coinValue)) return err({ kind: 'invalid', detail: `no hopper pays ${coinValue}-won coins` });
    if (!Number.isSafeInteger(coins) || coins <= 0) return err({ kind: 'invalid', detail: `a refill is a positive number of coins, not ${coins}` });
    this.ledger.refillHopper(coinValue, coins, { by: 'service-mode' });
    return ok(undefined);
  }

  /** A technician counted the coins in a hopper (after a jam, or at an audit). */
  countHopper(coinValue: Won, coins: number): Result<void, ServiceError> {
    if (this.active) return err({ kind: 'busy', detail: 'a session is using the cash devices' });
    if (!this.hoppers.coinValues().includes(coinValue)) return err({ kind: 'invalid', detail: `no hopper pays ${coinValue}-won coins` });
    if (!Number.isSafeInteger(coins) || coins < 0) return err({ kind: 'invalid', detail: `a count is a whole number of coins, not ${coins}` });
    this.ledger.countHopper(coinValue, coins, 'counted by a technician');
    return ok(undefined);
  }

  /** The technician took the cash box out: the ledger's content is what they should have counted. */
  collectCashBox(): Result<ReturnType<CashLedger['collectBox']>, ServiceError> {
    if (this.active) return err({ kind: 'busy', detail: 'a session is using the cash devices' });
    return ok(this.ledger.collectBox({ by: 'service-mode' }));
  }

  markVoucherPrinted(code: string): void {
    this.ledger.markVoucherPrinted(code);
  }

  // ============================================================ helpers

  private acceptableNow(amountDue: Won, received: Won): Won[] {
    return acceptableNotes({
      amountDue,
      received,
      denominations: this.acceptor.denominations().map((d) => d.value),
      stock: this.stock(),
    });
  }

  /** Coins the ledger counts in the hoppers that can pay now. */
  private stock(excluded: ReadonlySet<Won> = new Set()): CoinStock[] {
    const coins = this.ledger.hopperCoins();
    return this.hoppers
      .coinValues()
      .filter((coinValue) => !excluded.has(coinValue) && this.hoppers.state(coinValue) === 'ready')
      .map((coinValue) => ({ coinValue, coins: coins.get(coinValue) ?? 0 }));
  }

  private acceptorAnswers(): boolean {
    const state = this.acceptor.state();
    return state !== 'offline' && state !== 'starting';
  }

  private latestPending(step: CashStep): JournalEntry | undefined {
    return this.ledger.pendingSteps(step).at(-1);
  }

  /** The most recent pending note step (after a restart this run has no in-memory note). */
  private noteStepFromJournal(): NoteStep | undefined {
    const entry = [...this.ledger.pendingSteps('cash.stack'), ...this.ledger.pendingSteps('cash.return')].sort((a, b) => b.id - a.id)[0];
    if (!entry) return undefined;
    return {
      journalId: entry.id,
      kind: entry.step === 'cash.stack' ? 'stack' : 'return',
      sessionId: entry.sessionId,
      value: Number(entry.detail.value ?? 0),
      reason: (entry.detail.reason as NoteReturnReason | undefined) ?? undefined,
    };
  }

  private hookNow(step: CashStep, journalId: number, sessionId: string): void {
    confirmedHook({ onJournal: this.onJournal, log: this.log }, { step, phase: 'confirmed', journalId, sessionId });
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.log.error({ event: 'cash.event-handling-failed', error });
    }
  }
}
