import type { DocumentCode, OptionValues } from '../../catalog';
import type { CertificateRecord } from '../../catalog/records';
import type { Clock } from '../../common/clock';
import type { Won } from '../../common/money';
import type { Result } from '../../common/result';
import type { FingerGuidance, IdentityOutcome, PrinterStatus, PrintOutcome, Voucher } from '../../state-machines/session/facts';

/**
 * The ports: what the citizen's session needs from the outside world, and nothing more. The session machine never
 * calls them; kiosk/session/effects.ts turns them into the machine's injected actors and journals every step that
 * moves paper or records around each call (money is the money service's, see below). Fakes with controllable
 * faults live in kiosk/session/fakes/; adapters to the real services (identity service, printing, central-office
 * client) are wired in the composition root.
 *
 * Conventions for every adapter: expected failures are values (`Result`, or a field of the answer), never thrown;
 * every call is bounded in time by the adapter itself; nothing here carries a resident number except
 * `IdentityPort.verify`'s request, which goes only to the central office.
 */

// ---- records: the central office ---------------------------------------------------------------------------

export type RecordFetch = {
  readonly documentCode: DocumentCode;
  readonly options: OptionValues;
  readonly copies: number;
  /** The identity token of a verified citizen; null for public records (land, building, registry). */
  readonly token: string | null;
};

/** POST /v1/records: the record plus the numbers reserved for this document at the central office. */
export type RecordGrant = {
  readonly record: CertificateRecord;
  readonly issuanceNumber: string;
  readonly verificationNumber: string;
  /** The record belongs to the kiosk's own district: the in-district fee applies. */
  readonly inDistrict: boolean;
};

export type RecordFailure =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'not-found' }
  /** The identity token expired or was revoked: the citizen must be verified again. */
  | { readonly kind: 'identity-expired' }
  | { readonly kind: 'refused'; readonly code: string };

export interface RecordsPort {
  /** Whether the central office answers now (a signed heartbeat, bounded by the adapter's timeout). */
  reachable(): Promise<boolean>;
  /** Fetch a document's record and reserve its issuance and verification numbers (one reservation, all copies). */
  fetch(request: RecordFetch): Promise<Result<RecordGrant, RecordFailure>>;
  /**
   * The record reserved earlier under `issuanceNumber` for this kiosk, to print it again after the rendered
   * certificate was lost or the kiosk restarted mid-print. The central office answers only for numbers it reserved
   * to this kiosk and has not yet seen issued; the numbers stay the same.
   */
  refetch(reservation: {
    readonly documentCode: DocumentCode;
    readonly issuanceNumber: string;
    readonly options: OptionValues;
  }): Promise<Result<RecordGrant, RecordFailure>>;
}

// ---- identity: the fingerprint reader and the central office's verdict --------------------------------------

/** The R30x character file uploaded from the reader, base64. Opaque: never logged, never stored, never in a view. */
export type FingerTemplate = { readonly template: string };

export type CaptureFailure =
  /** No finger within the capture time. */
  | { readonly kind: 'no-finger' }
  /** Images too poor after the reader's own retries. */
  | { readonly kind: 'poor-image' }
  | { readonly kind: 'reader-fault'; readonly code: string };

export type IdentityFailure = { readonly kind: 'unreachable' } | { readonly kind: 'refused'; readonly code: string };

export interface IdentityPort {
  /**
   * Capture one finger: lights the reader, reports guidance as it happens (`place-finger`, `reading`,
   * `lift-finger`, `press-harder` …) and resolves with a template or why not. `signal` aborts the capture (the
   * citizen cancelled): the reader is switched off and the promise resolves with `no-finger`.
   */
  capture(options: {
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly onGuidance: (guidance: FingerGuidance) => void;
  }): Promise<Result<FingerTemplate, CaptureFailure>>;
  /**
   * POST /v1/identity/verify. The resident number goes to the central office only, over TLS; the adapter must
   * not log it. `attemptsLeft` in a refusal is the central office's count for that resident number today.
   */
  verify(request: {
    readonly residentNumber: string;
    readonly template: FingerTemplate;
    readonly documentCodes: readonly DocumentCode[];
  }): Promise<Result<IdentityOutcome, IdentityFailure>>;
}

// ---- money: not a port ------------------------------------------------------------------------------------
//
// The session's money goes through kiosk/cash's `CashDesk`, which `MoneyService` implements directly: it collects
// (and decides at escrow), settles or cancels, pays coins, issues vouchers and keeps the cash ledger and its
// cash.* events. The session never writes a cash movement, a cash.* event or a voucher (createSessionRuntime's
// `money` option; kiosk/session/unwired.ts has the one for a kiosk with no cash devices).

// ---- printing: certificates on A4 security paper, receipts and vouchers on the receipt printer ------------

export type RenderRequest = {
  readonly documentCode: DocumentCode;
  readonly options: OptionValues;
  readonly grant: RecordGrant;
  readonly copies: number;
};

export type RenderedDocument = { readonly ref: string; readonly pages: number };

export type RenderFailure = { readonly kind: 'render-failed'; readonly detail: string };

export type PrintCopyRequest = {
  readonly ref: string;
  readonly copy: number;
  readonly copies: number;
  /** 1 for a whole copy; k + 1 to finish a copy that stopped after page k. */
  readonly fromPage: number;
};

/** A slip on the receipt printer. No personal data: codes, names of documents, amounts, numbers. */
export type Slip =
  | {
      readonly kind: 'receipt';
      readonly sessionId: string;
      readonly at: number;
      readonly lines: readonly { readonly documentCode: DocumentCode; readonly copies: number; readonly fee: Won; readonly issuanceNumber: string }[];
      readonly paid: Won;
      readonly feesKept: Won;
      readonly change: Won;
      readonly refunded: Won;
      readonly voucher: Voucher | null;
    }
  | { readonly kind: 'voucher'; readonly sessionId: string; readonly at: number; readonly voucher: Voucher; readonly reason: string };

export type SlipFault = { readonly code: string };

export interface PrintingPort {
  /** Readiness of both printers, and the security-paper sheets left. */
  status(): Promise<PrinterStatus>;
  /** Render a certificate (numbers and QR on every page); the PDF stays inside the printing service. */
  render(request: RenderRequest): Promise<Result<RenderedDocument, RenderFailure>>;
  /**
   * Print one copy (pages `fromPage`…last) as one job. `onPage` reports each page as it leaves the printer.
   * A fault (paper out, jam, cover open) ends the job with the last page delivered.
   */
  printCopy(request: PrintCopyRequest, onPage: (page: number) => void): Promise<PrintOutcome>;
  printSlip(slip: Slip): Promise<Result<void, SlipFault>>;
  /** Forget a rendered certificate (end of session: the kiosk keeps no document contents). */
  discard(ref: string): void;
}

/** Everything the session needs besides the money service, plus the clock that drives its timers. */
export type SessionPorts = {
  readonly records: RecordsPort;
  readonly identity: IdentityPort;
  readonly printing: PrintingPort;
  readonly clock: Clock;
};
