import type { Clock } from '../../../common/clock';
import type { Won } from '../../../common/money';
import type { CashStatus, PayoutResult, Voucher } from '../../../state-machines/session/facts';
import type { CashAnswer, CashQuestion, Collection, CollectEvent, CollectRequest, PaymentPort } from '../ports';

/**
 * The money service with a bill acceptor (ID-003-like: escrow, then stack or return on the host's word) and coin
 * hoppers (ccTalk-like: coin by coin, stopping short when empty or jammed, counting what came out). Physical
 * counters (`cashBox`, `coinsOut`, `givenBack`) let tests check the session's accounts against what the devices
 * really did. `powerCycle()` cuts the power as a crash would: moving notes finish their travel, escrow is held,
 * a payout stops after the coin in flight, and nobody hears about it until `recover`.
 */
export const FAKE_ESCROW_MS = 800;
export const FAKE_STACK_MS = 1_200;
export const FAKE_RETURN_MS = 1_000;
export const FAKE_COIN_MS = 150;

type OpenCollection = {
  readonly request: CollectRequest;
  readonly onEvent: (event: CollectEvent) => void;
  readonly generation: number;
  escrow: Won | null;
  /** A note travelling in the acceptor right now. */
  moving: 'escrow' | 'stacking' | 'returning' | null;
  movingValue: Won | null;
  stopping: boolean;
};

export class FakePayment implements PaymentPort {
  supportedNotes: Won[] = [1000, 5000, 10000, 50000];
  coins: Record<string, number> = { '10': 50, '50': 50, '100': 200, '500': 100 };
  acceptor: CashStatus['acceptor'] = 'ready';
  hoppers: CashStatus['hoppers'] = 'ready';

  // what really happened, for the tests' ledger checks
  readonly cashBox: Won[] = [];
  readonly givenBack: Won[] = [];
  coinsOut: Won = 0;
  readonly vouchers = new Map<string, Voucher>();

  // faults, armed by tests
  /** The acceptor refuses to stack the next note and gives it back. */
  refuseNextStack = false;
  /** The acceptor faults while stacking the next note; the note comes back first. */
  faultOnNextStack: string | null = null;
  /** The hopper jams once this much has been paid in the current payout. */
  hopperJamAfter: Won | null = null;
  /** The acceptor escrows every note it knows, enabled or not, and leaves the decision to the host. */
  ignoresInhibit = false;
  /** After a power cut the hopper's counters are gone (most hoppers keep them only in RAM). */
  forgetPayoutOnPowerLoss = false;
  /** After a power cut nothing tells whether the note being stacked reached the box. */
  noteFateUnknownOnPowerLoss = false;

  private collection: OpenCollection | null = null;
  private generation = 0;
  private heldEscrow: Won | null = null;
  private lastNote: { value: Won; fate: 'escrow' | 'stacking' | 'stacked' | 'returned' } | null = null;
  private lastPayout: { amount: Won; paid: Won; coins: Record<string, number>; done: boolean } | null = null;
  private voucherSeq = 0;

  constructor(private readonly clock: Clock) {}

  async status(): Promise<CashStatus> {
    return { acceptor: this.acceptor, notes: [...this.supportedNotes], hoppers: this.hoppers, coins: { ...this.coins } };
  }

  get open(): boolean {
    return this.collection !== null && !this.collection.stopping;
  }

  /** Open and waiting for a note: nothing in escrow, nothing travelling. */
  get ready(): boolean {
    const collection = this.collection;
    return collection !== null && !collection.stopping && collection.moving === null && collection.escrow === null && this.acceptor === 'ready';
  }

  /** The citizen pushes a note into the slot. false: the slot did not take it (inhibited, busy, no collection). */
  insert(value: Won): boolean {
    const collection = this.collection;
    if (!collection || collection.stopping || collection.moving !== null || collection.escrow !== null || this.acceptor !== 'ready') return false;
    collection.moving = 'escrow';
    this.clock.setTimeout(() => {
      if (collection.generation !== this.generation) return;
      collection.moving = null;
      if (!this.supportedNotes.includes(value) || (!this.ignoresInhibit && !collection.request.acceptedNotes.includes(value))) {
        this.givenBack.push(value);
        collection.onEvent({ type: 'rejected', reason: 'denomination-inhibited' });
        this.finishStopIfIdle(collection);
        return;
      }
      if (collection.stopping) {
        // Inserted as the collection closed: it never becomes the session's money.
        this.givenBack.push(value);
        collection.onEvent({ type: 'returned', value, reason: 'stopped' });
        this.finishStopIfIdle(collection);
        return;
      }
      collection.escrow = value;
      this.lastNote = { value, fate: 'escrow' };
      collection.onEvent({ type: 'escrow', value });
    }, FAKE_ESCROW_MS);
    return true;
  }

  /** A note the acceptor does not recognise: drawn in, checked, pushed back. Never money. */
  insertForgery(): boolean {
    const collection = this.collection;
    if (!collection || collection.stopping || collection.moving !== null || collection.escrow !== null) return false;
    collection.moving = 'escrow';
    this.clock.setTimeout(() => {
      if (collection.generation !== this.generation) return;
      collection.moving = null;
      collection.onEvent({ type: 'rejected', reason: 'not-recognised' });
      this.finishStopIfIdle(collection);
    }, FAKE_ESCROW_MS);
    return true;
  }

  /** The acceptor stops by itself (jam, stacker full …) while waiting for a note. */
  faultNow(code: string): void {
    this.acceptor = 'fault';
    const collection = this.collection;
    if (!collection) return;
    const held = collection.escrow;
    if (held !== null) {
      collection.escrow = null;
      this.givenBack.push(held);
      collection.onEvent({ type: 'returned', value: held, reason: 'acceptor' });
    }
    collection.onEvent({ type: 'fault', code });
  }

  collect(request: CollectRequest, onEvent: (event: CollectEvent) => void): Collection {
    const collection: OpenCollection = { request, onEvent, generation: this.generation, escrow: null, moving: null, movingValue: null, stopping: false };
    this.collection = collection;
    const alive = () => this.collection === collection && collection.generation === this.generation;
    return {
      stack: () => {
        if (!alive() || collection.escrow === null || collection.moving !== null) return;
        const value = collection.escrow;
        collection.escrow = null;
        collection.moving = 'stacking';
        this.lastNote = { value, fate: 'stacking' };
        this.clock.setTimeout(() => {
          if (collection.generation !== this.generation) return;
          collection.moving = null;
          if (this.refuseNextStack || this.faultOnNextStack !== null) {
            this.refuseNextStack = false;
            this.givenBack.push(value);
            this.lastNote = { value, fate: 'returned' };
            onEvent({ type: 'returned', value, reason: 'acceptor' });
            const fault = this.faultOnNextStack;
            this.faultOnNextStack = null;
            if (fault !== null) {
              this.acceptor = 'fault';
              onEvent({ type: 'fault', code: fault });
            }
          } else {
            this.cashBox.push(value);
            this.lastNote = { value, fate: 'stacked' };
            onEvent({ type: 'stacked', value });
          }
          this.finishStopIfIdle(collection);
        }, FAKE_STACK_MS);
      },
      returnNote: () => {
        if (!alive() || collection.escrow === null || collection.moving !== null) return;
        const value = collection.escrow;
        collection.escrow = null;
        collection.moving = 'returning';
        collection.movingValue = value;
        this.clock.setTimeout(() => {
          if (collection.generation !== this.generation) return;
          collection.moving = null;
          this.givenBack.push(value);
          this.lastNote = { value, fate: 'returned' };
          onEvent({ type: 'returned', value, reason: 'requested' });
          this.finishStopIfIdle(collection);
        }, FAKE_RETURN_MS);
      },
      stop: () => {
        if (!alive() || collection.stopping) return;
        collection.stopping = true;
        const held = collection.escrow;
        if (held !== null && collection.moving === null) {
          collection.escrow = null;
          collection.moving = 'returning';
          collection.movingValue = held;
          this.clock.setTimeout(() => {
            if (collection.generation !== this.generation) return;
            collection.moving = null;
            this.givenBack.push(held);
            this.lastNote = { value: held, fate: 'returned' };
            onEvent({ type: 'returned', value: held, reason: 'stopped' });
            this.finishStopIfIdle(collection);
          }, FAKE_RETURN_MS);
          return;
        }
        this.finishStopIfIdle(collection);
      },
    };
  }

  private finishStopIfIdle(collection: OpenCollection): void {
    if (!collection.stopping || collection.moving !== null || collection.escrow !== null) return;
    if (this.collection === collection) this.collection = null;
    collection.onEvent({ type: 'closed' });
  }

  async payout(amount: Won, onProgress: (paidSoFar: Won) => void): Promise<PayoutResult> {
    const record = { amount, paid: 0, coins: {} as Record<string, number>, done: false };
    this.lastPayout = record;
    const generation = this.generation;
    if (this.hoppers !== 'ready') {
      record.done = true;
      return { paid: 0, unpaid: amount, coins: {}, faultCode: `hopper-${this.hoppers}` };
    }
    const plan = this.planCoins(amount);
    let faultCode: string | null = null;
    for (const coin of plan) {
      if (this.hopperJamAfter !== null && record.paid + coin > this.hopperJamAfter) {
        faultCode = 'hopper-jam';
        break;
      }
      await this.clock.sleep(FAKE_COIN_MS);
      // Power cut: the coin in flight comes out, then nothing more (the promise is never heard of again).
      this.coins[String(coin)] = (this.coins[String(coin)] ?? 0) - 1;
      this.coinsOut += coin;
      record.paid += coin;
      record.coins[String(coin)] = (record.coins[String(coin)] ?? 0) + 1;
      if (generation !== this.generation) return { paid: record.paid, unpaid: amount - record.paid, coins: { ...record.coins }, faultCode: 'power-loss' };
      onProgress(record.paid);
    }
    if (faultCode === null && record.paid < amount) faultCode = 'hopper-empty';
    record.done = true;
    return { paid: record.paid, unpaid: amount - record.paid, coins: { ...record.coins }, faultCode };
  }

  /** Exact when the stock allows it, otherwise as much as possible without paying too much. */
  private planCoins(amount: Won): Won[] {
    const values = Object.keys(this.coins).map(Number).sort((a, b) => b - a);
    const exact = (rest: Won, index: number): Won[] | null => {
      if (rest === 0) return [];
      if (index >= values.length) return null;
      const value = values[index]!;
      for (let take = Math.min(this.coins[String(value)] ?? 0, Math.floor(rest / value)); take >= 0; take--) {
        const tail = exact(rest - take * value, index + 1);
        if (tail) return [...Array.from({ length: take }, () => value), ...tail];
      }
      return null;
    };
    const plan = exact(amount, 0);
    if (plan) return plan;
    const greedy: Won[] = [];
    let rest = amount;
    for (const value of values) {
      let count = this.coins[String(value)] ?? 0;
      while (count > 0 && value <= rest) {
        greedy.push(value);
        rest -= value;
        count--;
      }
    }
    return greedy;
  }

  async issueVoucher(request: { amount: Won; reason: string; key: string }): Promise<Voucher> {
    await this.clock.sleep(50);
    const existing = this.vouchers.get(request.key);
    if (existing) return existing;
    const voucher = { code: `RV-${String(++this.voucherSeq).padStart(6, '0')}`, amount: request.amount };
    this.vouchers.set(request.key, voucher);
    return voucher;
  }

  /** Cut the power: whatever was moving finishes physically, nobody is told. */
  powerCycle(): void {
    this.generation++;
    const collection = this.collection;
    this.collection = null;
    if (collection) {
      if (collection.escrow !== null) this.heldEscrow = collection.escrow;
      if (collection.moving === 'stacking' && this.lastNote?.fate === 'stacking') {
        this.cashBox.push(this.lastNote.value);
        this.lastNote = { ...this.lastNote, fate: 'stacked' };
      }
      if (collection.moving === 'returning' && collection.movingValue !== null) {
        this.givenBack.push(collection.movingValue);
        this.lastNote = { value: collection.movingValue, fate: 'returned' };
      }
    }
  }

  async recover(question: CashQuestion): Promise<CashAnswer> {
    await this.clock.sleep(FAKE_RETURN_MS);
    const escrowReturned = this.heldEscrow;
    if (escrowReturned !== null) {
      this.givenBack.push(escrowReturned);
      if (this.lastNote?.fate === 'escrow') this.lastNote = { ...this.lastNote, fate: 'returned' };
    }
    this.heldEscrow = null;
    let note: CashAnswer['note'] = null;
    if (question.noteBeingStacked !== null) {
      if (this.noteFateUnknownOnPowerLoss) note = 'unknown';
      else if (this.lastNote && this.lastNote.value === question.noteBeingStacked && this.lastNote.fate === 'stacked') note = 'stacked';
      else note = 'returned';
    }
    let payout: PayoutResult | null = null;
    if (question.payoutInProgress !== null) {
      const last = this.lastPayout;
      if (this.forgetPayoutOnPowerLoss || !last || last.amount !== question.payoutInProgress) payout = null;
      else payout = { paid: last.paid, unpaid: last.amount - last.paid, coins: { ...last.coins }, faultCode: last.done ? null : 'power-loss' };
    }
    return { escrowReturned, note, payout };
  }
}
