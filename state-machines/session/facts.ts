import type { DocumentCode } from '../../catalog';
import type { Availability } from '../../catalog/availability';
import type { Won } from '../../common/money';
import type { CashReadiness } from '../../kiosk/cash/types';

/**
 * Facts about the outside world as the session machine receives them from its injected actors. Plain data, no
 * I/O: the ports in kiosk/session/ports.ts produce them, the machine decides on them.
 */

/**
 * Whether money can be taken for the amount due (the money service's `readiness(due)`): the acceptor's state and
 * the notes it would enable, those whose change the hoppers can give. The money service decides; the session only
 * shows why not.
 */
export type CashStatus = CashReadiness;

/** The A4 certificate printer and the receipt printer (PrintingPort.status). */
export type PrinterStatus = {
  readonly a4: {
    readonly state: 'ready' | 'fault' | 'offline';
    /** Security-paper sheets left by the kiosk's own count; null when unknown (then only the sensor counts). */
    readonly sheetsLeft: number | null;
    readonly faultCode: string | null;
  };
  readonly receipt: { readonly state: 'ready' | 'paper-low' | 'fault' | 'offline'; readonly faultCode: string | null };
};

/** Everything the guards before payment look at, gathered in one go. */
export type PrePaymentFacts = {
  readonly availability: Readonly<Partial<Record<DocumentCode, Availability>>>;
  readonly printer: PrinterStatus;
  readonly cash: CashStatus;
  readonly officeReachable: boolean;
};

/** A document whose record was fetched, numbers reserved and certificate rendered, ready to print. */
export type PreparedDocument = {
  readonly issuanceNumber: string;
  readonly verificationNumber: string;
  readonly inDistrict: boolean;
  /** Pages of one copy, from the rendered certificate. */
  readonly pages: number;
  /** Opaque handle of the rendered certificate inside the printing service (never its contents). */
  readonly ref: string;
};

export type PreparationProblem = 'not-found' | 'office-unreachable' | 'identity-expired' | 'refused' | 'render-failed';

/** What the fingerprint reader tells the citizen while capturing (IdentityPort.capture). */
export type FingerGuidance = 'place-finger' | 'reading' | 'lift-finger' | 'press-harder' | 'move-finger' | 'verifying';

/** The central office's answer about a finger and a resident number (central-office/contract/api.ts IdentityVerdict). */
export type IdentityOutcome =
  | { readonly verified: true; readonly token: string; readonly entitlements: readonly string[]; readonly displayName: string }
  | {
      readonly verified: false;
      readonly reason: 'no-match' | 'unknown-resident' | 'poor-template' | 'locked';
      readonly attemptsLeft: number;
    };

/** Why a verification ended without a verdict. */
export type IdentityFault =
  | { readonly kind: 'no-finger' }
  | { readonly kind: 'poor-image' }
  | { readonly kind: 'reader-fault'; readonly code: string }
  | { readonly kind: 'office-unreachable' };

/** How a copy's print ended (PrintingPort.printCopy). */
export type PrintOutcome =
  | { readonly kind: 'printed' }
  /** Stopped after page `printedTo` (0 = none) of the copy; those pages are out of the printer. */
  | { readonly kind: 'fault'; readonly printedTo: number; readonly code: string }
  /** The rendered certificate is gone (print service restarted, cache lost): it must be prepared again. */
  | { readonly kind: 'document-unavailable' };

export type Voucher = { readonly code: string; readonly amount: Won };

/** Where the session's money went when the money service settled it (its ledger's account). */
export type MoneySettlement = {
  readonly received: Won;
  readonly feeKept: Won;
  readonly changePaid: Won;
  readonly refundPaid: Won;
  readonly refundOwed: Won;
  /** The voucher of this settlement, if the hoppers could not pay everything. */
  readonly voucher: Voucher | null;
  /** Coins whose payout a silent hopper could not confirm: the money service settles them when it answers. */
  readonly inDoubt: Won;
};
