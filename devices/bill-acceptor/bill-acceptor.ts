import type { Won } from '../../common/money';
import type { Result } from '../../common/result';
import type { FailureKind, RejectReason } from './codec';

/**
 * What the kiosk's money service sees of a bill acceptor, whatever drives it (the ID-003 driver over a serial
 * port, or the same driver over a loopback pair with the simulator on the other end).
 *
 * Money rules it keeps: a note counts as received only at `credited` (VEND VALID), and `credited` listeners run
 * synchronously *before* the driver acknowledges VEND VALID, so that the ledger has written the note down before
 * the unit is allowed to finish stacking it.
 */
export type Denomination = { readonly escrowCode: number; readonly value: Won };

/** Where a note was when the unit lost power (ID-003 power-up statuses 41/42). */
export type BillInPath = 'none' | 'in-acceptor' | 'in-stacker';

export type BillAcceptorFaultCode =
  | 'stacker-full'
  | 'stacker-open'
  | 'jam-in-acceptor'
  | 'jam-in-stacker'
  | 'pause'
  | 'cheated'
  | 'failure'
  /** No reply and gone from the port list. */
  | 'device-gone'
  /** Still listed but mute. */
  | 'not-responding'
  | 'cannot-open';

export type BillAcceptorState =
  | 'offline'
  | 'starting'
  | 'disabled'
  | 'idle'
  | 'accepting'
  | 'escrow'
  | 'holding'
  | 'stacking'
  | 'returning'
  | 'rejecting'
  | 'fault';

/** The note the unit is handling, if any, as far as the host knows. */
export type NoteInPath = {
  readonly value: Won | undefined;
  readonly stage: 'accepting' | 'escrow' | 'stacking' | 'returning';
};

export type BillAcceptorEvent =
  /** A note waits in escrow: decide with `stack()`, `returnBill()` or `hold()` within a few seconds. */
  | { readonly type: 'escrow'; readonly value: Won; readonly escrowCode: number }
  /**
   * VEND VALID: the note is received. Emitted before the ACK; `atStart` when it was already waiting when this
   * host started (a previous run crashed between VEND VALID and its ACK); `solicited` false when no STACK was
   * sent for it in this run.
   */
  | { readonly type: 'credited'; readonly value: Won; readonly escrowCode: number; readonly solicited: boolean; readonly atStart: boolean }
  /** Status 16: the note is in the cash box. */
  | { readonly type: 'stacked'; readonly value: Won | undefined }
  | { readonly type: 'rejected'; readonly reason: RejectReason; readonly code: number }
  /** A note given back (after RETURN, or at start-up) has left the unit. */
  | { readonly type: 'returned'; readonly value: Won | undefined }
  | {
      readonly type: 'fault';
      readonly code: BillAcceptorFaultCode;
      readonly detail: string;
      readonly failure?: FailureKind;
      /** The note that was in the path when the fault came, if any. */
      readonly note: NoteInPath | undefined;
    }
  | { readonly type: 'recovered' }
  /** The unit reported a power-up (at start, or it lost power while running). */
  | { readonly type: 'power-up'; readonly billInPath: BillInPath; readonly atStart: boolean }
  | { readonly type: 'status'; readonly state: BillAcceptorState };

export type BillAcceptorError =
  | { readonly kind: 'offline'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  /** The unit answered 4B: the command makes no sense in its present state (e.g. STACK when no note is in escrow). */
  | { readonly kind: 'invalid-command'; readonly detail: string }
  | { readonly kind: 'unexpected-reply'; readonly detail: string }
  | { readonly kind: 'unknown-denomination'; readonly detail: string };

export type BillAcceptorStartReport = {
  readonly version: string;
  readonly denominations: readonly Denomination[];
  /** What the unit held when this host started; the `power-up`/`credited`/`returned` events said it already. */
  readonly billAtStart:
    | { readonly kind: 'none' }
    | { readonly kind: 'power-up'; readonly billInPath: BillInPath }
    | { readonly kind: 'credited'; readonly value: Won }
    | { readonly kind: 'returned'; readonly value: Won | undefined };
};

export interface BillAcceptor {
  /** `bill-acceptor` plus where it is, for logs and alarms. */
  readonly description: string;
  /** Open the link, settle what the unit held, RESET, apply settings, read the currency assignment; leaves it disabled. */
  start(): Promise<Result<BillAcceptorStartReport, BillAcceptorError>>;
  /** Stop polling and close the link without telling the unit anything (also what a crash looks like). */
  stop(): Promise<void>;
  /** Note values the unit's currency assignment offers (never hard-coded). */
  denominations(): readonly Denomination[];
  /** Accept only these values; returns the values actually enabled (those the unit knows). */
  enable(values: readonly Won[]): Promise<Result<readonly Won[], BillAcceptorError>>;
  disable(): Promise<Result<void, BillAcceptorError>>;
  /** Keep the note in escrow (STACK-1). */
  stack(): Promise<Result<void, BillAcceptorError>>;
  /** Give the note in escrow back (RETURN). */
  returnBill(): Promise<Result<void, BillAcceptorError>>;
  /** Keep the note in escrow longer (HOLD) while the host decides. */
  hold(): Promise<Result<void, BillAcceptorError>>;
  state(): BillAcceptorState;
  noteInPath(): NoteInPath | undefined;
  subscribe(listener: (event: BillAcceptorEvent) => void): () => void;
}
