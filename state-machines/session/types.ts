import type { DocumentCode, FeeQuote, FeeSchedule, OptionValue, OptionValues, WaiverReason } from '../../catalog';
import type { Won } from '../../common/money';
import type { DisplayPreferences, KeypadPulse, NavigationKey, RefundNotice } from '../view-model';
import type { IdleTiming } from './timeouts';
import type {
  FingerGuidance,
  IdentityFault,
  IdentityOutcome,
  MoneySettlement,
  PreparationProblem,
  PreparedDocument,
  PrePaymentFacts,
  PrintOutcome,
} from './facts';

export type Language = 'ko' | 'en';

/**
 * How a session ended: exactly one `session.completed` event per session carries it. `identity-failed` and
 * `failed` (nothing could be issued and no money was taken) are additions to the foundation's list.
 */
export type SessionOutcome =
  | 'issued'
  | 'partly-issued'
  | 'cancelled'
  | 'abandoned'
  | 'refunded'
  | 'recovered'
  | 'identity-failed'
  | 'failed';

/** One document in the citizen's basket. */
export type BasketItem = {
  readonly code: DocumentCode;
  readonly options: OptionValues;
  readonly copies: number;
  /** Known after the records step. */
  readonly prepared: PreparedDocument | null;
  readonly quote: FeeQuote | null;
  /** Why this document cannot be issued after all (`records.not-found`); such a line is not charged. */
  readonly problemKey: string | null;
};

/** The document on the options screen, before it is confirmed into the basket. */
export type EditingDocument = {
  readonly code: DocumentCode;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly copies: number;
  /** Option key → problem text key, shown after a confirm attempt or a change. */
  readonly problems: Readonly<Record<string, string>>;
};

export type IdentityProgress = {
  readonly attemptsUsed: number;
  readonly attemptsLeft: number;
  readonly phase: 'place-finger' | 'reading' | 'verifying' | 'lift-finger' | 'retry';
  readonly guidanceKey: string | null;
  /** Short-lived token from the central office; memory only, wiped with the session. */
  readonly token: string | null;
  readonly entitlements: readonly WaiverReason[];
  readonly failureKey: string | null;
};

export type CashPhase = 'insert' | 'checking' | 'stacking' | 'returning' | 'paid';

/**
 * Where the money of this session stands, in whole won, as the money service reported it (its collection events
 * and its settlement). The session keeps no account of its own: this is what the screens show.
 */
export type MoneyState = {
  readonly due: Won;
  /** Money received by the money service's ledger (notes stacked, or stuck in the unit after escrow). */
  readonly inserted: Won;
  /** The note in escrow right now (still the citizen's). */
  readonly escrow: Won | null;
  readonly phase: CashPhase;
  /** The notes the acceptor takes now (the money service enables them). */
  readonly acceptedNotes: readonly Won[];
  /** A collection was asked for: the money service must settle or cancel this session's money before it ends. */
  readonly requested: boolean;
  readonly messageKey: string | null;
  readonly paidInFull: boolean;
  readonly feesKept: Won;
  readonly changeDue: Won;
  readonly changePaid: Won;
  readonly refundDue: Won;
  readonly refundPaid: Won;
  /** Owed by voucher. */
  readonly refundOwed: Won;
  readonly voucherCode: string | null;
  /** Coins out so far in the payout under way (the change screen's progress). */
  readonly payoutProgress: Won;
};

/** One copy of one document, as far as it got. */
export type CopyProgress = { readonly printedTo: number; readonly complete: boolean };

export type LinePrint = {
  readonly code: DocumentCode;
  readonly copies: readonly CopyProgress[];
  /** Given up: the rest of this document is refunded. */
  readonly failed: boolean;
  readonly failureKey: string | null;
};

export type PrintingState = {
  /** Index into the basket. */
  readonly line: number;
  /** 1-based. */
  readonly copy: number;
  /** Last page delivered of the current copy. */
  readonly page: number;
  readonly fromPage: number;
  readonly phase: 'printing' | 'waiting-for-printer';
  readonly faultKey: string | null;
  /** Printer faults recovered from in this session (bounded by MAX_PRINT_RECOVERIES). */
  readonly recoveries: number;
  readonly lines: readonly LinePrint[];
};

export type IdleState = {
  /** The idle limit of the current screen, null while nothing times out (cash handling, printing …). */
  readonly limitMs: number | null;
  readonly secondsLeft: number | null;
  readonly extensionsUsed: number;
};

/** What the final screen says (error screens and notices after a session). */
export type Notice = { readonly whatKey: string; readonly whatToDoKey: string };

export type FinalScreen = 'thank-you' | 'notice' | 'none';

export type DeviceFault = { readonly device: string; readonly messageKey: string; readonly code: string };

/** What the persisted snapshot hands to a restarted kiosk (no personal data, see kiosk/session/checkpoint.ts). */
export type RecoveryInput = {
  readonly sessionId: string;
  readonly state: string;
  readonly language: Language;
  readonly display: DisplayPreferences;
  readonly savedAt: number;
};

/** What the settlement after a restart did, for the recovered screen. */
export type RecoverySettlement = {
  readonly sessionId: string;
  readonly refund: RefundNotice | null;
  readonly reprintedCopies: number;
  readonly settledSteps: number;
};

export type SessionInput = {
  readonly feeSchedule: FeeSchedule;
  /** The documents this kiosk offers (catalogue minus disabled ones). */
  readonly offered: readonly DocumentCode[];
  /** A persisted unfinished session found at start-up. */
  readonly recovery: RecoveryInput | null;
  /** The kiosk's idle timing (configuration `session`); the defaults of timeouts.ts when absent. */
  readonly idleTiming?: IdleTiming;
};

export type SessionContext = {
  readonly feeSchedule: FeeSchedule;
  readonly offered: readonly DocumentCode[];
  readonly sessionId: string | null;
  readonly language: Language;
  readonly display: DisplayPreferences;
  readonly keypad: KeypadPulse | null;
  readonly basket: readonly BasketItem[];
  readonly editing: EditingDocument | null;
  /** The resident number as typed: memory only, never in a view, a log, the journal or a snapshot. */
  readonly digits: string;
  readonly residentErrorKey: string | null;
  readonly residentWarningKey: string | null;
  readonly identity: IdentityProgress;
  readonly records: { readonly done: number; readonly total: number };
  readonly summaryProblems: readonly { readonly code: DocumentCode; readonly reasonKey: string }[];
  readonly money: MoneyState;
  /** A cancel that arrived while a note was being stacked: honoured once the note settles. */
  readonly cancelRequested: boolean;
  /** Why the payment ended without completing (set on cancel, abandonment, a fault). */
  readonly paymentEnd: 'cancel' | 'abandon' | 'fault' | 'back' | null;
  readonly printing: PrintingState;
  readonly outcome: SessionOutcome | null;
  readonly finalScreen: FinalScreen;
  readonly notice: Notice | null;
  readonly refund: RefundNotice | null;
  readonly idle: IdleState;
  /**
   * The kiosk's idle timing, from the input; it belongs to the kiosk, not the citizen, so it outlives `reset`
   * (`freshContext` does not name it and `assign` keeps the fields it is not given). Absent: the defaults.
   */
  readonly idleTiming?: IdleTiming;
  readonly outOfService: readonly DeviceFault[];
  readonly recovery: RecoveryInput | null;
  readonly receiptPrinting: boolean;
  /** Every rendered certificate of this session, discarded when it closes (also those removed from the basket). */
  readonly refs: readonly string[];
};

export type DisplayChange = {
  readonly textScale?: 1 | 2;
  readonly contrast?: DisplayPreferences['contrast'];
  readonly lowPosition?: boolean;
  readonly voice?: { readonly enabled?: boolean; readonly volume?: number; readonly rate?: number };
};

export type LocalDate = { readonly year: number; readonly month: number; readonly day: number };

/** Events from the citizen (through KioskApi) and from the keypad in the main process. */
export type CitizenEvent =
  | { readonly type: 'TOUCH' }
  | { readonly type: 'CHOOSE_LANGUAGE'; readonly language: Language }
  /** `sessionId`: a fresh id from the runtime, used when this choice starts the session. */
  | { readonly type: 'SELECT_DOCUMENT'; readonly code: DocumentCode; readonly sessionId: string }
  | { readonly type: 'SET_OPTION'; readonly key: string; readonly value: OptionValue }
  | { readonly type: 'CONFIRM_OPTIONS' }
  | { readonly type: 'ADD_ANOTHER' }
  | { readonly type: 'REMOVE_DOCUMENT'; readonly code: DocumentCode }
  | { readonly type: 'SET_COPIES'; readonly code: DocumentCode; readonly copies: number }
  | { readonly type: 'PROCEED' }
  /** `today`: the kiosk's local date from the injected clock (a birth date cannot be in the future). */
  | { readonly type: 'ENTER_DIGIT'; readonly digit: string; readonly today: LocalDate }
  | { readonly type: 'DELETE_DIGIT' }
  | { readonly type: 'CLEAR_DIGITS' }
  | { readonly type: 'CONFIRM_RESIDENT_NUMBER' }
  | { readonly type: 'RETRY_FINGERPRINT' }
  | { readonly type: 'PAY' }
  | { readonly type: 'ACKNOWLEDGE' }
  | { readonly type: 'EXTEND_TIME' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'BACK' }
  | { readonly type: 'HOME' }
  | { readonly type: 'SET_DISPLAY'; readonly change: DisplayChange }
  | { readonly type: 'KEYPAD'; readonly key: NavigationKey };

/** Events from the kiosk itself: device health from the supervisors. */
export type KioskEvent = { readonly type: 'SET_HEALTH'; readonly faults: readonly DeviceFault[] };

/** Events the injected actors send back, and the machine's own timers. */
export type WorldEvent =
  | { readonly type: 'IDLE.WARN' }
  | { readonly type: 'IDLE.TICK' }
  | { readonly type: 'IDLE.EXPIRED' }
  | { readonly type: 'IDENTITY.GUIDANCE'; readonly guidance: FingerGuidance }
  | { readonly type: 'IDENTITY.VERDICT'; readonly outcome: IdentityOutcome }
  | { readonly type: 'IDENTITY.FAULT'; readonly fault: IdentityFault }
  | {
      readonly type: 'RECORDS.PREPARED';
      readonly index: number;
      readonly result: { readonly ok: true; readonly document: PreparedDocument } | { readonly ok: false; readonly problem: PreparationProblem };
    }
  | { readonly type: 'RECORDS.DONE' }
  | CashEvent
  | { readonly type: 'PRINT.PAGE'; readonly page: number }
  | { readonly type: 'PRINT.DONE'; readonly outcome: PrintOutcome }
  | { readonly type: 'PRINTER.READY' }
  | { readonly type: 'PAYOUT.PROGRESS'; readonly paid: Won }
  | { readonly type: 'PAYOUT.DONE'; readonly result: MoneySettlement };

/**
 * The money service's collection, as the session follows it (kiosk/cash CollectionEvent, one for one). The money
 * service decides at escrow; these only tell the screen what happens to the citizen's notes.
 */
export type CashEvent =
  /** The acceptor is open for these notes. */
  | { readonly type: 'CASH.OPENED'; readonly notes: readonly Won[] }
  /** Collecting could not start (`acceptor-unavailable`, `change-unavailable` …): nothing was taken. */
  | { readonly type: 'CASH.UNAVAILABLE'; readonly reason: string }
  | { readonly type: 'CASH.ACCEPTING'; readonly notes: readonly Won[] }
  /** A note is being read: not a moment to time out. */
  | { readonly type: 'CASH.READING' }
  | { readonly type: 'CASH.ESCROWED'; readonly value: Won }
  | { readonly type: 'CASH.STACKING'; readonly value: Won }
  | { readonly type: 'CASH.RETURNING'; readonly value: Won; readonly reason: string }
  /** Money received; `received` is the ledger's total for the session. */
  | { readonly type: 'CASH.STACKED'; readonly value: Won; readonly received: Won }
  | { readonly type: 'CASH.RETURNED'; readonly value: Won | null; readonly reason: string }
  | { readonly type: 'CASH.REJECTED'; readonly reason: string }
  | { readonly type: 'CASH.PAID'; readonly received: Won }
  /** No note can be taken any more although the amount is not covered (the change ran out). */
  | { readonly type: 'CASH.CANNOT_COMPLETE'; readonly received: Won }
  /** The acceptor cannot go on; `received` counts a note stuck in it after escrow. */
  | { readonly type: 'CASH.FAULT'; readonly fault: string; readonly received: Won }
  /** After STOP: no note of this session is moving any more. */
  | { readonly type: 'CASH.CLOSED' };

export type SessionEvent = CitizenEvent | KioskEvent | WorldEvent;

// ---- the injected actors' contracts (kiosk/session/effects.ts implements them) -----------------------------

export type VerifyIdentityInput = { readonly residentNumber: string; readonly documentCodes: readonly DocumentCode[] };

export type PrepareDocumentsInput = {
  readonly sessionId: string;
  readonly token: string | null;
  readonly lines: readonly { readonly index: number; readonly code: DocumentCode; readonly options: OptionValues; readonly copies: number }[];
};

export type CheckBeforePaymentInput = { readonly codes: readonly DocumentCode[]; readonly due: Won };

export type CollectCashInput = { readonly sessionId: string; readonly due: Won };

/**
 * The machine tells the collector to stop taking notes (it answers CASH.CLOSED). `release`: the citizen went back
 * to the summary with nothing taken; the money service lets the session collect again later.
 */
export type CollectorCommand = { readonly type: 'STOP'; readonly release: boolean };

export type PrintCopyInput = {
  readonly sessionId: string;
  readonly code: DocumentCode;
  readonly document: PreparedDocument;
  readonly copy: number;
  readonly copies: number;
  readonly fromPage: number;
  /** Fee of one copy, journaled with the copy so the session's accounts can be rebuilt from the journal alone. */
  readonly perCopy: Won;
  readonly waivedBy: WaiverReason | null;
};

export type ReprepareInput = {
  readonly sessionId: string;
  readonly code: DocumentCode;
  readonly options: OptionValues;
  readonly copies: number;
  readonly document: PreparedDocument;
};

/**
 * Settle the session's money with the money service: keep `feeKept` and give back the rest (`settle`, after
 * printing), or give everything back (`cancel`: cancel, abandonment, a fault). Coins first, a voucher for what the
 * hoppers cannot pay; PAYOUT.PROGRESS …, then PAYOUT.DONE.
 */
export type SettleMoneyInput = { readonly sessionId: string; readonly feeKept: Won; readonly how: 'settle' | 'cancel' };

export type ReceiptInput = {
  readonly sessionId: string;
  readonly lines: readonly { readonly code: DocumentCode; readonly copies: number; readonly fee: Won; readonly issuanceNumber: string }[];
  readonly paid: Won;
  readonly feesKept: Won;
  readonly change: Won;
  readonly refunded: Won;
  readonly voucher: { readonly code: string; readonly amount: Won } | null;
};

export type CloseSessionInput = {
  readonly sessionId: string;
  readonly outcome: SessionOutcome;
  /** Rendered certificates to discard (document contents leave the kiosk's memory). */
  readonly refs: readonly string[];
  /** The machine's own accounts, checked against the journal's when closing. */
  readonly money: { readonly inserted: Won; readonly feesKept: Won; readonly changePaid: Won; readonly refundPaid: Won; readonly refundOwed: Won };
};

export type PrePaymentResult = PrePaymentFacts;
