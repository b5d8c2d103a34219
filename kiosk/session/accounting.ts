import type { Won } from '../../common/money';
import type { SessionOutcome } from '../../state-machines/session/types';
import type { JournalEntry } from '../store';
import { STEP, type OutboxEvent } from './session-store';

/**
 * A session's accounts rebuilt from its journal alone, so that the closing events are the same whether the session
 * closed normally or was settled by start-up recovery:
 *
 *   money in = fees kept + change paid + refunds paid in coins + refunds owed by voucher   (to the won)
 *
 * Fees are kept only for complete copies; a copy is complete when one of its print steps was confirmed (a copy
 * finished after a printer fault is two steps: pages 1–k failed, k+1–n confirmed).
 */
export type DocumentLine = {
  readonly documentCode: string;
  readonly issuanceNumber: string;
  readonly verificationNumber: string;
  readonly copies: number;
  readonly pages: number;
  readonly perCopy: Won;
  readonly waivedBy: string | null;
  readonly completeCopies: number;
  /** Pages out of the printer for copies that are not complete (they are the citizen's, and counted as paper). */
  readonly strayPages: number;
  readonly lastFault: string | null;
};

export type SessionAccounts = {
  readonly moneyIn: Won;
  readonly feesKept: Won;
  readonly changePaid: Won;
  readonly refundPaid: Won;
  readonly refundOwed: Won;
  readonly lines: readonly DocumentLine[];
  /** Numbers reserved at the central office and never printed on. */
  readonly unused: readonly { readonly documentCode: string; readonly issuanceNumber: string }[];
  readonly pending: readonly JournalEntry[];
  /** The due of the last payment (0 when nothing was collected). */
  readonly due: Won;
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Whether a step's effect is known to have happened (confirmed, or settled by recovery with that finding). */
const done = (entry: JournalEntry) => entry.status === 'confirmed' || entry.status === 'settled';

export function accountsOf(entries: readonly JournalEntry[]): SessionAccounts {
  let moneyIn = 0;
  let changePaid = 0;
  let refundPaid = 0;
  let refundOwed = 0;
  let due = 0;
  const reserved = new Map<string, { documentCode: string }>();
  const lines = new Map<string, { base: Record<string, unknown>; copies: Map<number, { complete: boolean; stray: number }>; lastFault: string | null }>();

  for (const entry of entries) {
    const detail = entry.detail;
    switch (entry.step) {
      case STEP.collect:
        due = num(detail.due);
        break;
      case STEP.note:
        if (done(entry) && (detail.fate === 'stacked' || detail.fate === 'assumed-stacked')) moneyIn += num(detail.value);
        break;
      case STEP.payout:
        if (done(entry)) {
          if (detail.purpose === 'change') changePaid += num(detail.paid);
          else refundPaid += num(detail.paid);
        }
        break;
      case STEP.voucher:
        if (done(entry) && str(detail.voucherCode)) refundOwed += num(detail.amount);
        break;
      case STEP.reserve: {
        const number = str(detail.issuanceNumber);
        if (entry.status !== 'failed' && number) reserved.set(number, { documentCode: String(detail.documentCode) });
        break;
      }
      case STEP.printCopy: {
        const number = String(detail.issuanceNumber);
        const line = lines.get(number) ?? { base: detail, copies: new Map(), lastFault: null };
        const copy = line.copies.get(num(detail.copy)) ?? { complete: false, stray: 0 };
        const fromPage = num(detail.fromPage);
        if (entry.status === 'confirmed') {
          copy.complete = true;
        } else if (entry.status === 'failed' || entry.status === 'settled') {
          copy.stray += Math.max(0, num(detail.printedTo) - fromPage + 1);
          line.lastFault = str(detail.code) ?? line.lastFault;
        }
        line.copies.set(num(detail.copy), copy);
        lines.set(number, line);
        break;
      }
      default:
        break;
    }
  }

  const documentLines: DocumentLine[] = [...lines.entries()].map(([issuanceNumber, line]) => {
    const copies = [...line.copies.values()];
    return {
      documentCode: String(line.base.documentCode),
      issuanceNumber,
      verificationNumber: String(line.base.verificationNumber ?? ''),
      copies: num(line.base.copies),
      pages: num(line.base.pages),
      perCopy: num(line.base.perCopy),
      waivedBy: str(line.base.waivedBy),
      completeCopies: copies.filter((copy) => copy.complete).length,
      strayPages: copies.filter((copy) => !copy.complete).reduce((sum, copy) => sum + copy.stray, 0),
      lastFault: line.lastFault,
    };
  });
  const feesKept = documentLines.reduce((sum, line) => sum + line.completeCopies * line.perCopy, 0);
  const unused = [...reserved.entries()]
    .filter(([number]) => !lines.has(number))
    .map(([issuanceNumber, { documentCode }]) => ({ documentCode, issuanceNumber }));
  return {
    moneyIn,
    feesKept,
    changePaid,
    refundPaid,
    refundOwed,
    lines: documentLines,
    unused,
    pending: entries.filter((entry) => entry.status === 'pending'),
    due,
  };
}

/** What is still owed to the citizen by these accounts. */
export const owedBack = (accounts: SessionAccounts): Won =>
  accounts.moneyIn - accounts.feesKept - accounts.changePaid - accounts.refundPaid - accounts.refundOwed;

/** The events of the closing transaction: one per document, the fee kept, and exactly one outcome. */
export function closingEvents(accounts: SessionAccounts, outcome: SessionOutcome, releaseReason: string): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const line of accounts.lines) {
    if (line.completeCopies > 0) {
      events.push({
        type: 'document.issued',
        payload: {
          documentCode: line.documentCode,
          issuanceNumber: line.issuanceNumber,
          verificationNumber: line.verificationNumber,
          copies: line.completeCopies,
          pages: Math.max(1, line.pages),
          fee: line.completeCopies * line.perCopy,
          waivedBy: line.waivedBy,
        },
      });
    }
    const missing = line.copies - line.completeCopies;
    if (missing > 0) {
      events.push({
        type: 'document.failed',
        payload: {
          documentCode: line.documentCode,
          issuanceNumber: line.issuanceNumber,
          reason: line.lastFault ?? 'not-printed',
          pagesPrinted: line.strayPages,
          pagesExpected: Math.max(1, missing * line.pages),
        },
      });
    }
  }
  for (const unused of accounts.unused) {
    events.push({ type: 'document.released', payload: { documentCode: unused.documentCode, issuanceNumber: unused.issuanceNumber, reason: releaseReason } });
  }
  if (accounts.feesKept > 0) events.push({ type: 'cash.fee-kept', payload: { amount: accounts.feesKept } });
  events.push({
    type: 'session.completed',
    payload: {
      outcome,
      money: {
        in: accounts.moneyIn,
        feesKept: accounts.feesKept,
        changePaid: accounts.changePaid,
        refundPaid: accounts.refundPaid,
        refundOwed: accounts.refundOwed,
      },
    },
  });
  return events;
}
