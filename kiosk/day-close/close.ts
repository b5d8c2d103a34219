import { findDocument } from '../../catalog';
import { localTime } from '../../catalog/availability';
import type { Clock } from '../../common/clock';
import { logged, silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import { endOfDaySlip } from '../../printer-templates/receipt/end-of-day';
import type { KioskDatabase } from '../store/database';
import { Outbox } from '../store/outbox';

/**
 * The end-of-day close (마감). It covers every issuance-log event since the previous close (by outbox sequence, so no
 * event is counted twice or skipped, whenever the close is run), prints the totals on the receipt printer, records
 * the close and sends `day.closed` to the central office in one transaction.
 *
 * The cash box is reconciled to the won, from the money side:
 *
 *   box at the previous close
 * + notes the sessions paid with  = fees kept + change paid + refunds paid in coins + refunds owed (vouchers)
 *                                   + money still held by open sessions (change since the last close)
 *                                   − notes counted while stuck in the unit (recovered by hand, not in the box)
 * + notes that arrived with no session (recorded, to be explained)
 * − cash box collections in between
 * = the box the money says there should be.
 *
 * The box counted by hand (by denomination), or the ledger's own count when nobody counted, is set against it; the
 * difference is the discrepancy — stored, printed, sent, and never hidden. The ledger's count is also checked
 * against the same figure, so a ledger that does not balance is flagged even when nobody counted.
 */
export type CashBoxCount = Readonly<Record<string, number>>;

export type BoxContent = { readonly byDenomination: Readonly<Record<string, number>>; readonly notes: number; readonly total: Won };

export type CloseFlag =
  | { readonly code: 'count-differs-from-ledger'; readonly denominations: readonly { readonly denomination: number; readonly counted: number; readonly ledger: number }[] }
  | { readonly code: 'ledger-does-not-balance'; readonly ledger: Won; readonly expected: Won }
  | { readonly code: 'notes-without-session'; readonly amount: Won }
  | { readonly code: 'open-sessions'; readonly held: Won }
  | { readonly code: 'not-counted' };

export type DayCloseSummary = {
  readonly businessDate: string;
  readonly closedAt: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly documents: readonly { readonly code: string; readonly name: string; readonly issuances: number; readonly copies: number; readonly fees: Won }[];
  readonly issuances: number;
  readonly notesIn: Won;
  readonly feesKept: Won;
  readonly changePaid: Won;
  readonly refundsPaidInCoins: Won;
  readonly refundsOwed: Won;
  readonly jammedNotes: Won;
  readonly notesWithoutSession: Won;
  readonly boxCollected: Won;
  readonly heldOpenBefore: Won;
  readonly heldOpen: Won;
  readonly a4SheetsUsed: number;
  readonly box: { readonly opening: Won; readonly expected: Won; readonly ledger: BoxContent; readonly counted: BoxContent | null };
  /** (counted, or the ledger when not counted) − expected. */
  readonly discrepancy: number;
  readonly balanced: boolean;
  readonly flags: readonly CloseFlag[];
};

export type DayCloseResult = {
  readonly id: number;
  readonly summary: DayCloseSummary;
  /** The slip: printed, not printed (why), or no printer given. */
  readonly printed: { readonly ok: true } | { readonly ok: false; readonly detail: string } | null;
};

export type DayCloseError =
  | { readonly kind: 'money-moving'; readonly detail: string }
  | { readonly kind: 'invalid-count'; readonly detail: string };

export type DayCloseDeps = {
  readonly db: KioskDatabase;
  readonly kioskId: string;
  readonly kioskName: string;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly printer?: ReceiptPrinter;
  readonly log?: Logger;
};

export type DayCloseInput = {
  /** The business day the close is for (default: the local date of the last event it covers, or today). */
  readonly businessDate?: string;
  /** The cash box counted by hand: note value in won → notes. */
  readonly counted?: CashBoxCount;
};

type Aggregates = {
  documents: Map<string, { issuances: number; copies: number; fees: number }>;
  notesIn: number;
  notesWithoutSession: number;
  feesKept: number;
  changePaid: number;
  refundsPaidInCoins: number;
  refundsOwed: number;
  jammedNotes: number;
  boxCollected: number;
  a4SheetsUsed: number;
  lastAt: number | null;
};

function aggregate(db: KioskDatabase, after: number, upTo: number): Aggregates {
  const rows = db
    .prepare(
      `SELECT type, session_id, occurred_at, payload FROM outbox
       WHERE seq > ? AND seq <= ? AND (type LIKE 'cash.%' OR type IN ('document.issued', 'document.failed'))
       ORDER BY seq`,
    )
    .all(after, upTo) as { type: string; session_id: string | null; occurred_at: number; payload: string }[];
  const totals: Aggregates = {
    documents: new Map(),
    notesIn: 0,
    notesWithoutSession: 0,
    feesKept: 0,
    changePaid: 0,
    refundsPaidInCoins: 0,
    refundsOwed: 0,
    jammedNotes: 0,
    boxCollected: 0,
    a4SheetsUsed: 0,
    lastAt: null,
  };
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const num = (key: string) => (typeof payload[key] === 'number' ? (payload[key] as number) : 0);
    totals.lastAt = row.occurred_at;
    switch (row.type) {
      case 'document.issued': {
        const code = String(payload.documentCode);
        const entry = totals.documents.get(code) ?? { issuances: 0, copies: 0, fees: 0 };
        entry.issuances += 1;
        entry.copies += num('copies');
        entry.fees += num('fee');
        totals.documents.set(code, entry);
        totals.a4SheetsUsed += num('pages');
        break;
      }
      case 'document.failed':
        totals.a4SheetsUsed += num('pagesPrinted');
        break;
      case 'cash.note-stacked':
        if (row.session_id === null) totals.notesWithoutSession += num('value');
        else totals.notesIn += num('value');
        break;
      case 'cash.note-jammed':
        totals.jammedNotes += num('value');
        break;
      case 'cash.fee-kept':
        totals.feesKept += num('amount');
        break;
      case 'cash.change-paid':
        totals.changePaid += num('amount');
        break;
      case 'cash.refund-paid':
        if (payload.method === 'coins') totals.refundsPaidInCoins += num('amount');
        break;
      case 'cash.refund-owed':
        totals.refundsOwed += num('amount');
        break;
      case 'cash.box-collected':
        totals.boxCollected += num('total');
        break;
    }
  }
  return totals;
}

export function ledgerBox(db: KioskDatabase): BoxContent {
  const rows = db.prepare('SELECT denomination, notes FROM cash_box WHERE notes > 0 ORDER BY denomination').all() as { denomination: number; notes: number }[];
  return contentOf(Object.fromEntries(rows.map((row) => [String(row.denomination), row.notes])));
}

function contentOf(byDenomination: CashBoxCount): BoxContent {
  let notes = 0;
  let total = 0;
  const cleaned: Record<string, number> = {};
  for (const [denomination, count] of Object.entries(byDenomination)) {
    if (count === 0) continue;
    cleaned[denomination] = count;
    notes += count;
    total += Number(denomination) * count;
  }
  return { byDenomination: cleaned, notes, total };
}

/** Money received by sessions whose accounts are still open and not yet kept or given back. */
function heldOpen(db: KioskDatabase): Won {
  const row = db
    .prepare("SELECT coalesce(sum(received - fee_kept - change_paid - refund_paid - refund_owed), 0) AS held FROM cash_accounts WHERE status != 'closed'")
    .get() as { held: number };
  return row.held;
}

type CloseRow = { id: number; summary: string };

export function lastClose(db: KioskDatabase): { id: number; summary: DayCloseSummary } | undefined {
  const row = db.prepare('SELECT id, summary FROM day_closes ORDER BY id DESC LIMIT 1').get() as CloseRow | undefined;
  return row ? { id: row.id, summary: JSON.parse(row.summary) as DayCloseSummary } : undefined;
}

function validCount(counted: CashBoxCount): string | null {
  for (const [denomination, count] of Object.entries(counted)) {
    if (!/^\d+$/.test(denomination)) return `"${denomination}" is not a note value in won`;
    if (!Number.isSafeInteger(count) || count < 0) return `the count of ${denomination}-won notes must be a whole number ≥ 0, not ${count}`;
  }
  return null;
}

export async function closeDay(deps: DayCloseDeps, input: DayCloseInput = {}): Promise<Result<DayCloseResult, DayCloseError>> {
  const log = deps.log ?? silentLogger();
  if (input.counted) {
    const problem = validCount(input.counted);
    if (problem) return err({ kind: 'invalid-count', detail: problem });
  }
  const { db } = deps;
  const moving = db.prepare("SELECT count(*) AS n FROM journal WHERE status = 'pending' AND step LIKE 'cash.%'").get() as { n: number };
  if (moving.n > 0) return err({ kind: 'money-moving', detail: `${moving.n} cash step(s) are in progress: close when no money is moving` });

  return logged(log, 'day-close', { kioskId: deps.kioskId }, async () => {
    const closedAt = deps.clock.now();
    const outbox = new Outbox(db, deps.kioskId, () => closedAt);
    const record = db.transaction((): { id: number; summary: DayCloseSummary } => {
      const previous = lastClose(db);
      const after = previous?.summary.lastSeq ?? 0;
      const upTo = db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
      const totals = aggregate(db, after, upTo);
      const ledger = ledgerBox(db);
      const held = heldOpen(db);
      const heldBefore = previous?.summary.heldOpen ?? 0;
      const opening = previous?.summary.box.ledger.total ?? 0;
      const paidBySessions = totals.feesKept + totals.changePaid + totals.refundsPaidInCoins + totals.refundsOwed + (held - heldBefore) - totals.jammedNotes;
      const expected = opening + paidBySessions + totals.notesWithoutSession - totals.boxCollected;
      const counted = input.counted ? contentOf(input.counted) : null;
      const discrepancy = (counted?.total ?? ledger.total) - expected;
      const flags: CloseFlag[] = [];
      if (counted) {
        const denominations = [...new Set([...Object.keys(counted.byDenomination), ...Object.keys(ledger.byDenomination)])]
          .map((d) => ({ denomination: Number(d), counted: counted.byDenomination[d] ?? 0, ledger: ledger.byDenomination[d] ?? 0 }))
          .filter((d) => d.counted !== d.ledger)
          .sort((a, b) => b.denomination - a.denomination);
        if (denominations.length > 0) flags.push({ code: 'count-differs-from-ledger', denominations });
      } else flags.push({ code: 'not-counted' });
      if (ledger.total !== expected) flags.push({ code: 'ledger-does-not-balance', ledger: ledger.total, expected });
      if (totals.notesWithoutSession > 0) flags.push({ code: 'notes-without-session', amount: totals.notesWithoutSession });
      if (held > 0) flags.push({ code: 'open-sessions', held });
      const businessDate = input.businessDate ?? localTime(totals.lastAt ?? closedAt, deps.timeZone).date;
      const documents = [...totals.documents.entries()]
        .map(([code, entry]) => ({ code, name: findDocument(code)?.name.ko ?? code, ...entry }))
        .sort((a, b) => (findDocument(a.code)?.no ?? 1000) - (findDocument(b.code)?.no ?? 1000));
      const issuances = documents.reduce((sum, d) => sum + d.issuances, 0);
      const summary: DayCloseSummary = {
        businessDate,
        closedAt,
        firstSeq: after + 1,
        lastSeq: upTo,
        documents,
        issuances,
        notesIn: totals.notesIn,
        feesKept: totals.feesKept,
        changePaid: totals.changePaid,
        refundsPaidInCoins: totals.refundsPaidInCoins,
        refundsOwed: totals.refundsOwed,
        jammedNotes: totals.jammedNotes,
        notesWithoutSession: totals.notesWithoutSession,
        boxCollected: totals.boxCollected,
        heldOpenBefore: heldBefore,
        heldOpen: held,
        a4SheetsUsed: totals.a4SheetsUsed,
        box: { opening, expected, ledger, counted },
        discrepancy,
        balanced: discrepancy === 0 && ledger.total === expected && !flags.some((f) => f.code === 'count-differs-from-ledger'),
        flags,
      };
      const info = db
        .prepare(
          `INSERT INTO day_closes (business_date, closed_at, first_seq, last_seq, issuances, fees_kept, change_paid, refunds_owed, box_expected, box_counted, discrepancy, summary)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(businessDate, closedAt, after + 1, upTo, issuances, totals.feesKept, totals.changePaid, totals.refundsOwed, expected, counted?.total ?? null, discrepancy, JSON.stringify(summary));
      outbox.append('day.closed', {
        businessDate,
        issuances,
        feesKept: totals.feesKept,
        changePaid: totals.changePaid,
        refundsOwed: totals.refundsOwed,
        cashBox: counted?.total ?? ledger.total,
        discrepancy,
      });
      return { id: Number(info.lastInsertRowid), summary };
    })();
    const { summary } = record;
    if (!summary.balanced) log.warn({ event: 'day-close.discrepancy', businessDate: summary.businessDate, discrepancy: summary.discrepancy, flags: summary.flags.map((f) => f.code) });
    const printed = deps.printer ? await printSlip(deps, summary) : null;
    return ok({ id: record.id, summary, printed });
  }, (result) => (result.value.summary.balanced ? 'balanced' : 'discrepancy'));
}

export async function printSlip(deps: Pick<DayCloseDeps, 'printer' | 'kioskId' | 'kioskName'>, summary: DayCloseSummary): Promise<{ ok: true } | { ok: false; detail: string }> {
  if (!deps.printer) return { ok: false, detail: 'no receipt printer' };
  const printed = await deps.printer.print(
    endOfDaySlip({
      kioskId: deps.kioskId,
      kioskName: deps.kioskName,
      businessDate: summary.businessDate,
      closedAt: new Date(summary.closedAt),
      documents: summary.documents.map((d) => ({ name: d.name, issuances: d.issuances, copies: d.copies, fees: d.fees })),
      feesKept: summary.feesKept,
      changePaid: summary.changePaid,
      refundsOwed: summary.refundsOwed,
      cashBox: (summary.box.counted ?? summary.box.ledger).byDenomination,
      a4SheetsUsed: summary.a4SheetsUsed,
      discrepancy: summary.discrepancy,
    }),
  );
  return printed.ok ? { ok: true } : { ok: false, detail: `${printed.error.reason}: ${printed.error.detail}` };
}
