import type { Won } from '../../common/money';
import type { Result } from '../../common/result';
import type { BillAcceptorState } from '../../devices/bill-acceptor/bill-acceptor';
import type { RejectReason } from '../../devices/bill-acceptor/codec';
import type { LevelStatus } from '../../devices/coin-hopper/codec';
import type { HopperState } from '../../devices/coin-hopper/coin-hoppers';
import type { CashAccount, CashBoxContent, RefundVoucher } from './ledger';

/**
 * The money service's contract with the citizen's session: collect an amount, give back what is not kept, and
 * report every step as an event the screen can show.
 */

export type CollectError =
  | { readonly kind: 'nothing-due'; readonly detail: string }
  /** Another session is collecting. */
  | { readonly kind: 'busy'; readonly detail: string }
  | { readonly kind: 'session-exists'; readonly detail: string }
  /** The bill acceptor is offline, faulted or starting. */
  | { readonly kind: 'acceptor-unavailable'; readonly detail: string }
  /** No note could be accepted: each one would need change the hoppers do not have. */
  | { readonly kind: 'change-unavailable'; readonly detail: string };

/** Why a note in escrow was given back, for the citizen's message. */
export type NoteReturnReason =
  /** It would overpay by more than the hoppers can give back. */
  | 'change-unavailable'
  /** The amount was already covered. */
  | 'already-paid'
  /** The collection was stopped (cancel, time-out, fault) while the note was being read. */
  | 'collection-stopped'
  /** The unit gave it back on its own (escrow held too long, unknown note). */
  | 'not-accepted';

export type CashFaultKind =
  | 'jam'
  | 'stacker-full'
  | 'cash-box-open'
  | 'cheated'
  | 'failure'
  | 'pause'
  | 'device-gone'
  | 'not-responding';

export type CollectionEvent =
  /** The notes the acceptor takes changed (the first set is in `snapshot().enabledNotes`). */
  | { readonly type: 'accepting'; readonly notes: readonly Won[] }
  /** A note is being read (before escrow): not a moment to time out. */
  | { readonly type: 'note-reading' }
  | { readonly type: 'note-escrowed'; readonly value: Won }
  | { readonly type: 'note-stacking'; readonly value: Won }
  | { readonly type: 'note-returning'; readonly value: Won; readonly reason: NoteReturnReason }
  | { readonly type: 'note-stacked'; readonly value: Won; readonly received: Won; readonly remaining: Won }
  | { readonly type: 'note-returned'; readonly value: Won | undefined; readonly reason: NoteReturnReason }
  | { readonly type: 'note-rejected'; readonly reason: RejectReason }
  | { readonly type: 'paid'; readonly received: Won; readonly change: Won }
  /** Nothing more can be accepted although the amount is not covered (no note without change the hoppers lack). */
  | { readonly type: 'cannot-complete'; readonly received: Won; readonly remaining: Won }
  /**
   * The acceptor cannot go on. `noteCounted`: a note stuck in it after escrow was counted as received (and will
   * be refunded with the rest); `noteUncertain`: a note whose fate is unknown until the device answers again.
   */
  | {
      readonly type: 'fault';
      readonly fault: CashFaultKind;
      readonly detail: string;
      readonly received: Won;
      readonly noteCounted: Won | undefined;
      readonly noteUncertain: Won | undefined;
    };

export type CollectionState = 'collecting' | 'paid' | 'stopped' | 'faulted';

export type CollectionSnapshot = {
  readonly sessionId: string;
  readonly amountDue: Won;
  readonly received: Won;
  readonly remaining: Won;
  /** Values of the notes taken, in order. */
  readonly notes: readonly Won[];
  readonly enabledNotes: readonly Won[];
  readonly state: CollectionState;
};

export interface Collection {
  readonly sessionId: string;
  readonly amountDue: Won;
  snapshot(): CollectionSnapshot;
  subscribe(listener: (event: CollectionEvent) => void): () => void;
  /** Stop taking notes; resolves when no note of this session is left moving in the acceptor. */
  stop(): Promise<void>;
}

/** Where a session's money went, when its account is settled (cancel, change after issuance, restart). */
export type SessionMoneyOutcome = {
  readonly sessionId: string;
  readonly amountDue: Won;
  readonly received: Won;
  readonly feeKept: Won;
  readonly changePaid: Won;
  readonly refundPaid: Won;
  readonly refundOwed: Won;
  /** Coins whose payout could not be confirmed (the hopper went silent mid-payout): settled when it answers. */
  readonly inDoubt: Won;
  /** Coins paid by this settlement, per coin value. */
  readonly coins: Readonly<Record<string, number>>;
  /** For the receipt printer when the hoppers could not pay everything. */
  readonly voucher: RefundVoucher | undefined;
  /** False while money is in doubt: the account stays open until the device tells. */
  readonly closed: boolean;
};

export type SettlementReport = {
  /** Journal steps that were unfinished at start-up and what became of them. */
  readonly steps: readonly { readonly journalId: number; readonly sessionId: string; readonly step: string; readonly status: string; readonly detail: Record<string, unknown> }[];
  /** Sessions whose money was settled (by voucher: nobody may be at the kiosk to take coins after a restart). */
  readonly accounts: readonly SessionMoneyOutcome[];
  /** Vouchers to print for the office (printing is the receipt printer's job). */
  readonly vouchers: readonly RefundVoucher[];
  /** Steps or accounts still waiting for a device to answer. */
  readonly unresolved: number;
};

export type CashStatus = {
  readonly cashBox: CashBoxContent;
  readonly hoppers: readonly { readonly coinValue: Won; readonly coins: number; readonly state: HopperState; readonly level: LevelStatus | undefined }[];
  readonly acceptor: { readonly state: BillAcceptorState; readonly denominations: readonly Won[] };
  /** Won the hoppers can pay out now (ledger counts of the hoppers that are ready). */
  readonly changeCapacity: Won;
  readonly openAccounts: number;
  readonly pendingSteps: number;
};

export type ServiceError = { readonly kind: 'busy' | 'invalid'; readonly detail: string };

export type SettleOptions = {
  /** The fee earned by an unfinished session (documents it printed), from the session's own recovery. Default 0. */
  readonly feeKeptFor?: (sessionId: string) => Won | undefined;
};

/** Whether money can be taken for an amount now: what the session's guards before payment look at. */
export type CashReadiness = {
  /** `full`: the cash box is full (empty it); `fault`: jammed, open, failed or busy; `offline`: silent or starting. */
  readonly acceptor: 'ready' | 'full' | 'fault' | 'offline';
  /** `ready` when at least one hopper can pay. */
  readonly hoppers: 'ready' | 'fault' | 'offline';
  /** The notes `collect(amountDue)` would enable now (those whose change the hoppers can give); empty: none. */
  readonly notes: readonly Won[];
};

/** Coins out so far while change or a refund is paid (for the change screen). */
export type PayoutProgress = (paidSoFar: Won) => void;

/**
 * What the citizen's session calls; implemented by MoneyService, the one owner of money records. The session
 * orders money through it and never writes a cash movement, a cash.* event or a voucher itself: the escrow
 * decision, the ledger, the coins and the vouchers are all here, and so is the settlement after a restart
 * (`MoneyService.start({ feeKeptFor })`).
 */
export interface CashDesk {
  /** Can `amountDue` be collected now, and with which notes (the guards before payment). */
  readiness(amountDue: Won): CashReadiness;
  collect(sessionId: string, amountDue: Won): Promise<Result<Collection, CollectError>>;
  /** Give everything back: a note in escrow is returned, stacked notes are refunded in coins or by voucher. */
  cancel(sessionId: string, onProgress?: PayoutProgress): Promise<SessionMoneyOutcome>;
  /** After issuance: keep `feeKept` (the documents actually issued) and give back the rest in coins or by voucher. */
  settle(sessionId: string, feeKept: Won, onProgress?: PayoutProgress): Promise<SessionMoneyOutcome>;
  /** A session's account as the ledger has it; undefined when no money was ever collected for it. */
  account(sessionId: string): CashAccount | undefined;
  /** Vouchers of a session not printed yet (after a restart the session's recovery prints them). */
  vouchersToPrint(sessionId: string): readonly RefundVoucher[];
  markVoucherPrinted(code: string): void;
}
