import { randomBytes } from 'node:crypto';
import type { Won } from '../../common/money';
import type { KioskDatabase } from '../store/database';
import { Journal, type JournalEntry } from '../store/journal';
import { Outbox } from '../store/outbox';

/**
 * The cash ledger (SQLite, tables of migration `cash/001-ledger`). Every method is one transaction that writes
 * the journal step, the ledger rows and the outbox event together, so that after a power cut either all of a
 * step exists or none of it. Device actions happen between a `begin…` and its `credit…/finish…/confirm…`.
 */
export type CashStep = 'cash.stack' | 'cash.return' | 'cash.dispense';
export const CASH_STEPS: readonly CashStep[] = ['cash.stack', 'cash.return', 'cash.dispense'];

export type AccountStatus = 'collecting' | 'paid' | 'closed';

export type CashAccount = {
  readonly sessionId: string;
  readonly amountDue: Won;
  readonly status: AccountStatus;
  readonly received: Won;
  readonly feeKept: Won;
  /** Coins given back as change for an overpayment. */
  readonly changePaid: Won;
  /** Coins given back as a refund (cancel, failed documents). */
  readonly refundPaid: Won;
  /** Refund vouchers issued. */
  readonly refundOwed: Won;
  readonly openedAt: number;
  readonly closedAt: number | null;
};

/** Money of the session still in the kiosk's hands: to keep as a fee or give back. */
export function heldFor(account: CashAccount): Won {
  return account.received - account.feeKept - account.changePaid - account.refundPaid - account.refundOwed;
}

export type VoucherReason =
  /** The hoppers could not pay all the change. */
  | 'change-short'
  /** The hoppers could not pay a refund (cancel, failed documents). */
  | 'refund-short'
  /** Settled at start-up after a power cut or crash: nobody may be at the kiosk to take coins. */
  | 'settled-after-restart'
  /** A note was found in the kiosk after its session had ended. */
  | 'late-note';

/** What the receipt printer prints and the office pays out against. */
export type RefundVoucher = {
  readonly code: string;
  readonly sessionId: string;
  readonly amount: Won;
  readonly reason: VoucherReason;
  readonly createdAt: number;
};

export type DispensePurpose = 'change' | 'refund';

/** A dispense as journaled: enough to settle it from the hopper's counters after a crash. */
export type DispenseStepDetail = {
  readonly coinValue: Won;
  readonly address: number;
  readonly count: number;
  readonly purpose: DispensePurpose;
  readonly eventCounter: number;
  readonly dispenseCount: number;
  readonly coinsRemaining: number;
  readonly lastPaid: number;
  readonly lastUnpaid: number;
};

export type CashBoxContent = {
  /** Notes by value (won as a string key, JSON-friendly); `0` holds notes of unknown value. */
  readonly byDenomination: Readonly<Record<string, number>>;
  readonly notes: number;
  readonly total: Won;
};

type AccountRow = {
  session_id: string;
  amount_due: number;
  status: AccountStatus;
  received: number;
  fee_kept: number;
  change_paid: number;
  refund_paid: number;
  refund_owed: number;
  opened_at: number;
  closed_at: number | null;
};

const toAccount = (row: AccountRow): CashAccount => ({
  sessionId: row.session_id,
  amountDue: row.amount_due,
  status: row.status,
  received: row.received,
  feeKept: row.fee_kept,
  changePaid: row.change_paid,
  refundPaid: row.refund_paid,
  refundOwed: row.refund_owed,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

export type CashLedgerOptions = {
  readonly kioskId: string;
  readonly now: () => number;
  /** Voucher codes; tests pass a deterministic generator. */
  readonly voucherCode?: (now: number) => string;
};

export class CashLedger {
  readonly journal: Journal;
  readonly outbox: Outbox;
  private readonly now: () => number;
  private readonly voucherCode: (now: number) => string;

  constructor(
    private readonly db: KioskDatabase,
    options: CashLedgerOptions,
  ) {
    this.now = options.now;
    this.journal = new Journal(db, options.now);
    this.outbox = new Outbox(db, options.kioskId, options.now);
    this.voucherCode = options.voucherCode ?? defaultVoucherCode;
  }

  // ------------------------------------------------------------ accounts

  openAccount(sessionId: string, amountDue: Won): CashAccount {
    const at = this.now();
    this.db
      .prepare("INSERT INTO cash_accounts (session_id, amount_due, status, opened_at, updated_at) VALUES (?, ?, 'collecting', ?, ?)")
      .run(sessionId, amountDue, at, at);
    return this.requireAccount(sessionId);
  }

  account(sessionId: string): CashAccount | undefined {
    const row = this.db.prepare('SELECT * FROM cash_accounts WHERE session_id = ?').get(sessionId) as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }

  openAccounts(): CashAccount[] {
    return (this.db.prepare("SELECT * FROM cash_accounts WHERE status != 'closed' ORDER BY opened_at").all() as AccountRow[]).map(toAccount);
  }

  /**
   * Collect again for a session whose account holds nothing (the citizen went back to the summary before any note
   * was taken, then paid): the same account, a new amount due.
   */
  reopenAccount(sessionId: string, amountDue: Won): CashAccount {
    const account = this.requireAccount(sessionId);
    if (account.received !== 0) throw new Error(`account ${sessionId} already received ${account.received} won`);
    this.db
      .prepare("UPDATE cash_accounts SET amount_due = ?, status = 'collecting', closed_at = NULL, updated_at = ? WHERE session_id = ?")
      .run(amountDue, this.now(), sessionId);
    return this.requireAccount(sessionId);
  }

  markPaid(sessionId: string): void {
    this.db.prepare("UPDATE cash_accounts SET status = 'paid', updated_at = ? WHERE session_id = ? AND status = 'collecting'").run(this.now(), sessionId);
  }

  /** Close a balanced account. Closing one that still holds money is a programmer error. */
  closeAccount(sessionId: string): CashAccount {
    const account = this.requireAccount(sessionId);
    if (heldFor(account) !== 0) throw new Error(`account ${sessionId} still holds ${heldFor(account)} won`);
    const at = this.now();
    this.db.prepare("UPDATE cash_accounts SET status = 'closed', closed_at = ?, updated_at = ? WHERE session_id = ?").run(at, at, sessionId);
    return this.requireAccount(sessionId);
  }

  // ------------------------------------------------------------ notes

  /** Before STACK-1: the note in escrow is about to be kept for this session. */
  beginStack(sessionId: string, value: Won, escrowCode: number): number {
    return this.journal.begin(sessionId, 'cash.stack', { value, escrowCode });
  }

  /**
   * VEND VALID (or proof from a power-up status that the note reached the stacker): the note is received. Written
   * before the acceptor is acknowledged.
   */
  creditStack(journalId: number, value: Won, via: string): void {
    this.db.transaction(() => {
      const entry = this.requireEntry(journalId);
      this.journal.confirm(journalId, { credited: value, via });
      this.addToBox(value);
      if (this.account(entry.sessionId)) {
        this.movement({ sessionId: entry.sessionId, kind: 'note-stacked', amount: value, denomination: value, count: 1, journalId, detail: { via } });
        this.receive(entry.sessionId, value);
        this.outbox.append('cash.note-stacked', { value }, entry.sessionId);
      } else {
        this.movement({ sessionId: null, kind: 'unattributed-note', amount: value, denomination: value, count: 1, journalId, detail: { via } });
        this.outbox.append('cash.note-stacked', { value }, null);
      }
    })();
  }

  /** The note did not reach the box (returned, rejected, taken back at power-up): nothing received. */
  failStack(journalId: number, reason: string): void {
    this.journal.fail(journalId, { reason });
  }

  /** A note credited with no step of ours waiting for it: it is in the box, and the session (if any) gets it. */
  creditUnexpected(sessionId: string | null, value: Won, detail: Record<string, unknown>): void {
    this.db.transaction(() => {
      this.addToBox(value);
      if (sessionId !== null && this.account(sessionId)) {
        const journalId = this.journal.begin(sessionId, 'cash.stack', { value, unexpected: true, ...detail });
        this.journal.confirm(journalId, { credited: value, via: 'unsolicited' });
        this.movement({ sessionId, kind: 'note-stacked', amount: value, denomination: value, count: 1, journalId, detail });
        this.receive(sessionId, value);
      } else {
        this.movement({ sessionId: null, kind: 'unattributed-note', amount: value, denomination: value, count: 1, detail });
      }
      this.outbox.append('cash.note-stacked', { value }, sessionId);
    })();
  }

  /**
   * A note stuck in the unit after escrow, before VEND VALID (jam, failure): it left the citizen's hands, so it is
   * counted as received for the session and refunded with the rest; the technician recovers it from the path.
   */
  recordJammedNote(journalId: number, stage: string): void {
    this.db.transaction(() => {
      const entry = this.requireEntry(journalId);
      const value = Number(entry.detail.value ?? 0);
      this.journal.settle(journalId, { jammed: true, stage });
      this.movement({ sessionId: entry.sessionId, kind: 'note-jammed', amount: value, denomination: value, count: 1, journalId, detail: { stage } });
      this.receive(entry.sessionId, value);
      this.outbox.append('cash.note-jammed', { value, stage }, entry.sessionId);
    })();
  }

  /** A jam before escrow: the value was never read, so no money can be counted; recorded for the technician. */
  recordUnreadJam(sessionId: string | null, stage: string): void {
    this.db.transaction(() => {
      this.movement({ sessionId, kind: 'note-jammed', amount: 0, denomination: 0, count: 1, detail: { stage, valueUnknown: true } });
      this.outbox.append('cash.note-jammed', { value: 0, stage }, sessionId);
    })();
  }

  beginReturn(sessionId: string, value: Won | undefined, reason: string): number {
    return this.journal.begin(sessionId, 'cash.return', { value: value ?? null, reason });
  }

  confirmReturn(journalId: number, via: string): void {
    this.db.transaction(() => {
      const entry = this.requireEntry(journalId);
      const value = Number(entry.detail.value ?? 0);
      const reason = String(entry.detail.reason ?? 'returned');
      this.journal.confirm(journalId, { via });
      this.movement({ sessionId: entry.sessionId, kind: 'note-returned', amount: value, denomination: value, count: 1, journalId, detail: { reason, via } });
      this.outbox.append('cash.note-returned', { value, reason }, entry.sessionId);
    })();
  }

  // ------------------------------------------------------------ coins

  beginDispense(sessionId: string, detail: DispenseStepDetail): number {
    return this.journal.begin(sessionId, 'cash.dispense', { ...detail });
  }

  /** The hopper's word on a dispense: coins paid leave the hopper count and go to the session's account. */
  finishDispense(journalId: number, outcome: { paid: number; unpaid: number; stoppedBy: string }, settle = false): void {
    this.db.transaction(() => {
      const entry = this.requireEntry(journalId);
      const detail = entry.detail as unknown as DispenseStepDetail;
      const paid = Math.max(0, Math.min(outcome.paid, detail.count));
      const result = { paid, unpaid: detail.count - paid, stoppedBy: outcome.stoppedBy };
      if (settle) this.journal.settle(journalId, result);
      else this.journal.confirm(journalId, result);
      const at = this.now();
      if (paid > 0) {
        const amount = paid * detail.coinValue;
        this.movement({
          sessionId: entry.sessionId,
          kind: 'coins-paid',
          amount,
          denomination: detail.coinValue,
          count: paid,
          purpose: detail.purpose,
          journalId,
          detail: result,
        });
        this.db
          .prepare('UPDATE cash_hoppers SET coins = max(0, coins - ?), updated_at = ? WHERE coin_value = ?')
          .run(paid, at, detail.coinValue);
        const column = detail.purpose === 'change' ? 'change_paid' : 'refund_paid';
        this.db.prepare(`UPDATE cash_accounts SET ${column} = ${column} + ?, updated_at = ? WHERE session_id = ?`).run(amount, at, entry.sessionId);
        if (detail.purpose === 'change') {
          this.outbox.append('cash.change-paid', { amount, coins: { [String(detail.coinValue)]: paid } }, entry.sessionId);
        } else {
          this.outbox.append('cash.refund-paid', { amount, method: 'coins', voucherCode: null }, entry.sessionId);
        }
      }
      if (outcome.stoppedBy === 'empty') this.countHopper(detail.coinValue, 0, 'ran empty during a payout');
    })();
  }

  keepFee(sessionId: string, amount: Won): void {
    if (amount <= 0) return;
    this.db.transaction(() => {
      this.db.prepare('UPDATE cash_accounts SET fee_kept = fee_kept + ?, updated_at = ? WHERE session_id = ?').run(amount, this.now(), sessionId);
      this.movement({ sessionId, kind: 'fee-kept', amount });
      this.outbox.append('cash.fee-kept', { amount }, sessionId);
    })();
  }

  /** Record money owed to the citizen and the voucher that proves it. */
  owe(sessionId: string, amount: Won, reason: VoucherReason): RefundVoucher {
    const createdAt = this.now();
    const voucher: RefundVoucher = { code: this.voucherCode(createdAt), sessionId, amount, reason, createdAt };
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO refund_vouchers (code, session_id, amount, reason, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(voucher.code, sessionId, amount, reason, createdAt);
      this.db.prepare('UPDATE cash_accounts SET refund_owed = refund_owed + ?, updated_at = ? WHERE session_id = ?').run(amount, createdAt, sessionId);
      this.movement({ sessionId, kind: 'refund-owed', amount, voucherCode: voucher.code, detail: { reason } });
      this.outbox.append('cash.refund-owed', { amount, voucherCode: voucher.code, reason }, sessionId);
    })();
    return voucher;
  }

  vouchers(sessionId?: string): RefundVoucher[] {
    const rows = (
      sessionId === undefined
        ? this.db.prepare('SELECT * FROM refund_vouchers ORDER BY created_at, code').all()
        : this.db.prepare('SELECT * FROM refund_vouchers WHERE session_id = ? ORDER BY created_at, code').all(sessionId)
    ) as { code: string; session_id: string; amount: number; reason: VoucherReason; created_at: number }[];
    return rows.map((row) => ({ code: row.code, sessionId: row.session_id, amount: row.amount, reason: row.reason, createdAt: row.created_at }));
  }

  /** Vouchers of a session that the receipt printer has not printed yet. */
  unprintedVouchers(sessionId: string): RefundVoucher[] {
    const rows = this.db
      .prepare('SELECT * FROM refund_vouchers WHERE session_id = ? AND printed_at IS NULL ORDER BY created_at, code')
      .all(sessionId) as { code: string; session_id: string; amount: number; reason: VoucherReason; created_at: number }[];
    return rows.map((row) => ({ code: row.code, sessionId: row.session_id, amount: row.amount, reason: row.reason, createdAt: row.created_at }));
  }

  markVoucherPrinted(code: string): void {
    this.db.prepare('UPDATE refund_vouchers SET printed_at = ? WHERE code = ? AND printed_at IS NULL').run(this.now(), code);
  }

  // ------------------------------------------------------------ service mode: hoppers and cash box

  hopperCoins(): Map<Won, number> {
    const rows = this.db.prepare('SELECT coin_value, coins FROM cash_hoppers ORDER BY coin_value DESC').all() as { coin_value: number; coins: number }[];
    return new Map(rows.map((row) => [row.coin_value, row.coins]));
  }

  refillHopper(coinValue: Won, coins: number, detail: Record<string, unknown> = {}): void {
    this.db.transaction(() => {
      const at = this.now();
      this.db
        .prepare(
          'INSERT INTO cash_hoppers (coin_value, coins, updated_at) VALUES (?, ?, ?) ON CONFLICT (coin_value) DO UPDATE SET coins = coins + excluded.coins, updated_at = excluded.updated_at',
        )
        .run(coinValue, coins, at);
      this.movement({ sessionId: null, kind: 'hopper-refilled', amount: coins * coinValue, denomination: coinValue, count: coins, detail });
      this.outbox.append('cash.hopper-refilled', { coinValue, coins });
    })();
  }

  /** A technician's count (or the hopper proving itself empty) replaces the ledger's count. */
  countHopper(coinValue: Won, coins: number, reason: string): void {
    const before = this.hopperCoins().get(coinValue) ?? 0;
    this.db
      .prepare(
        'INSERT INTO cash_hoppers (coin_value, coins, updated_at) VALUES (?, ?, ?) ON CONFLICT (coin_value) DO UPDATE SET coins = excluded.coins, updated_at = excluded.updated_at',
      )
      .run(coinValue, coins, this.now());
    if (before !== coins) {
      this.movement({ sessionId: null, kind: 'hopper-counted', amount: (coins - before) * coinValue, denomination: coinValue, count: coins, detail: { before, reason } });
    }
  }

  cashBox(): CashBoxContent {
    const rows = this.db.prepare('SELECT denomination, notes FROM cash_box WHERE notes > 0 ORDER BY denomination').all() as { denomination: number; notes: number }[];
    const byDenomination: Record<string, number> = {};
    let notes = 0;
    let total = 0;
    for (const row of rows) {
      byDenomination[String(row.denomination)] = row.notes;
      notes += row.notes;
      total += row.notes * row.denomination;
    }
    return { byDenomination, notes, total };
  }

  /** The technician emptied the cash box: what the ledger says was in it. */
  collectBox(detail: Record<string, unknown> = {}): CashBoxContent {
    return this.db.transaction(() => {
      const content = this.cashBox();
      this.db.prepare('DELETE FROM cash_box').run();
      this.movement({ sessionId: null, kind: 'box-collected', amount: content.total, count: content.notes, detail: { ...detail, byDenomination: content.byDenomination } });
      this.outbox.append('cash.box-collected', { byDenomination: content.byDenomination, total: content.total });
      return content;
    })();
  }

  // ------------------------------------------------------------ journal views

  pendingSteps(step?: CashStep): JournalEntry[] {
    return this.journal.pending().filter((entry) => (step ? entry.step === step : (CASH_STEPS as readonly string[]).includes(entry.step)));
  }

  /** The most recent stack step whatever its status: it tells whether a note found at start-up was already credited. */
  latestStackStep(): JournalEntry | undefined {
    const row = this.db.prepare("SELECT id FROM journal WHERE step = 'cash.stack' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
    return row ? this.journal.get(row.id) : undefined;
  }

  recordDeviceFault(device: string, code: string, detail: string, sessionId: string | null = null): void {
    this.outbox.append('device.fault', { device, code, detail }, sessionId);
  }

  recordDeviceRecovered(device: string): void {
    this.outbox.append('device.recovered', { device });
  }

  // ------------------------------------------------------------ internals

  private receive(sessionId: string, value: Won): void {
    // A note found after its session closed re-opens the account so that it is refunded, never lost.
    this.db
      .prepare(
        "UPDATE cash_accounts SET received = received + ?, status = CASE WHEN status = 'closed' THEN 'paid' ELSE status END, closed_at = NULL, updated_at = ? WHERE session_id = ?",
      )
      .run(value, this.now(), sessionId);
  }

  private addToBox(value: Won): void {
    this.db.prepare('INSERT INTO cash_box (denomination, notes) VALUES (?, 1) ON CONFLICT (denomination) DO UPDATE SET notes = notes + 1').run(value);
  }

  private movement(row: {
    sessionId: string | null;
    kind: string;
    amount: number;
    denomination?: number;
    count?: number;
    purpose?: DispensePurpose;
    journalId?: number;
    voucherCode?: string;
    detail?: Record<string, unknown>;
  }): void {
    this.db
      .prepare(
        'INSERT INTO cash_movements (session_id, kind, amount, denomination, count, purpose, journal_id, voucher_code, detail, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        row.sessionId,
        row.kind,
        row.amount,
        row.denomination ?? null,
        row.count ?? null,
        row.purpose ?? null,
        row.journalId ?? null,
        row.voucherCode ?? null,
        JSON.stringify(row.detail ?? {}),
        this.now(),
      );
  }

  private requireAccount(sessionId: string): CashAccount {
    const account = this.account(sessionId);
    if (!account) throw new Error(`no cash account for session ${sessionId}`);
    return account;
  }

  private requireEntry(journalId: number): JournalEntry {
    const entry = this.journal.get(journalId);
    if (!entry) throw new Error(`no journal entry ${journalId}`);
    return entry;
  }
}

/** `RV-YYMMDD-XXXXXX`: date for the office clerk, six characters without look-alikes (no 0/O, 1/I/L). */
const VOUCHER_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function defaultVoucherCode(now: number): string {
  const date = new Date(now + 9 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const random = Array.from(randomBytes(6), (b) => VOUCHER_ALPHABET[b % VOUCHER_ALPHABET.length]).join('');
  return `RV-${date}-${random}`;
}
