import type { Won } from '../../common/money';
import type { SessionOutcome } from '../../state-machines/session/types';
import type { CashAccount } from '../cash/ledger';
import type { JournalEntry } from '../store';
import { STEP, type OutboxEvent } from './session-store';

/**
 * A session's paper from its journal alone (documents reserved, copies printed, the fee they earned), so that the
 * closing events are the same whether the session closed normally or was settled by start-up recovery. The money
 * is not here: the money service's ledger has it (kiosk/cash), and the session's `session.completed` reports the
 * ledger's account.
 *
 * Fees are earned only by complete copies; a copy is complete when one of its print steps was confirmed (a copy
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

export type SessionPaper = {
  /** The fee the complete copies earned: what the money service keeps (`settle`, or `feeKeptFor` after a restart). */
  readonly feesEarned: Won;
  readonly lines: readonly DocumentLine[];
  /** Numbers reserved at the central office and never printed on. */
  readonly unused: readonly { readonly documentCode: string; readonly issuanceNumber: string }[];
  readonly pending: readonly JournalEntry[];
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function paperOf(entries: readonly JournalEntry[]): SessionPaper {
  const reserved = new Map<string, { documentCode: string }>();
  const lines = new Map<string, { base: Record<string, unknown>; copies: Map<number, { complete: boolean; stray: number }>; lastFault: string | null }>();

  for (const entry of entries) {
    const detail = entry.detail;
    switch (entry.step) {
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
  const unused = [...reserved.entries()]
    .filter(([number]) => !lines.has(number))
    .map(([issuanceNumber, { documentCode }]) => ({ documentCode, issuanceNumber }));
  return {
    feesEarned: documentLines.reduce((sum, line) => sum + line.completeCopies * line.perCopy, 0),
    lines: documentLines,
    unused,
    pending: entries.filter((entry) => entry.status === 'pending'),
  };
}

/** `session.completed`'s money: the ledger's account of the session (all zero when no money was collected). */
export function moneyOf(account: CashAccount | undefined) {
  return {
    in: account?.received ?? 0,
    feesKept: account?.feeKept ?? 0,
    changePaid: account?.changePaid ?? 0,
    refundPaid: account?.refundPaid ?? 0,
    refundOwed: account?.refundOwed ?? 0,
  };
}

/**
 * The events of the closing transaction: one per document, the released numbers, and exactly one outcome with the
 * ledger's money. No cash.* event: the money service wrote those when the money moved.
 */
export function closingEvents(paper: SessionPaper, account: CashAccount | undefined, outcome: SessionOutcome, releaseReason: string): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const line of paper.lines) {
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
  for (const unused of paper.unused) {
    events.push({ type: 'document.released', payload: { documentCode: unused.documentCode, issuanceNumber: unused.issuanceNumber, reason: releaseReason } });
  }
  events.push({ type: 'session.completed', payload: { outcome, money: moneyOf(account) } });
  return events;
}
