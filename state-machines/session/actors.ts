import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { PrePaymentFacts, PreparedDocument } from './facts';
import type {
  CheckBeforePaymentInput,
  CloseSessionInput,
  CollectCashInput,
  CollectorCommand,
  PrepareDocumentsInput,
  PrintCopyInput,
  ReceiptInput,
  RecoveryInput,
  RecoverySettlement,
  ReprepareInput,
  SessionEvent,
  SettleMoneyInput,
  VerifyIdentityInput,
} from './types';

/**
 * The session machine's injected actors: their inputs, outputs and the events they send back are the contract;
 * kiosk/session/effects.ts implements them over the ports (and journals around them), tests may implement them
 * directly. The placeholders here only say that something was not provided.
 */
const missing = (name: string) => () => {
  throw new Error(`session actor ${name} was not provided (machine.provide({ actors }))`);
};

export const sessionActors = {
  /** Central office reachable? */
  checkOffice: fromPromise<boolean, void>(async () => missing('checkOffice')()),
  /** Capture a finger and verify it: IDENTITY.GUIDANCE …, then IDENTITY.VERDICT or IDENTITY.FAULT. */
  verifyIdentity: fromCallback<EventObject, VerifyIdentityInput, SessionEvent>(missing('verifyIdentity')),
  /** Fetch records, reserve numbers, render: RECORDS.PREPARED per line, then RECORDS.DONE. */
  prepareDocuments: fromCallback<EventObject, PrepareDocumentsInput, SessionEvent>(missing('prepareDocuments')),
  checkBeforePayment: fromPromise<PrePaymentFacts, CheckBeforePaymentInput>(async () => missing('checkBeforePayment')()),
  /** Collect through the money service (which decides at escrow); receives STOP; sends CASH.* events. */
  collectCash: fromCallback<CollectorCommand, CollectCashInput, SessionEvent>(missing('collectCash')),
  /** One copy: PRINT.PAGE per page, then PRINT.DONE. */
  printCopy: fromCallback<EventObject, PrintCopyInput, SessionEvent>(missing('printCopy')),
  /** Polls the A4 printer until it is ready again: PRINTER.READY. */
  waitForPrinter: fromCallback<EventObject, void, SessionEvent>(missing('waitForPrinter')),
  /** Fetch the reserved record again and render it: a new handle, or null if it cannot be had. */
  reprepareDocument: fromPromise<PreparedDocument | null, ReprepareInput>(async () => missing('reprepareDocument')()),
  /** The money service settles or cancels the session's money: PAYOUT.PROGRESS …, then PAYOUT.DONE. */
  settleMoney: fromCallback<EventObject, SettleMoneyInput, SessionEvent>(missing('settleMoney')),
  /** true when the receipt came out. */
  printReceipt: fromPromise<boolean, ReceiptInput>(async () => missing('printReceipt')()),
  closeSession: fromPromise<void, CloseSessionInput>(async () => missing('closeSession')()),
  recoverSession: fromPromise<RecoverySettlement, RecoveryInput>(async () => missing('recoverSession')()),
};
