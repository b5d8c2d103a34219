import type { DocumentCode, OptionValues } from '../../catalog';
import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { RecoveryInput, RecoverySettlement } from '../../state-machines/session/types';
import type { RefundNotice } from '../../state-machines/view-model';
import type { CashDesk, SettleOptions, SettlementReport } from '../cash/types';
import type { JournalEntry } from '../store';
import { closingEvents, paperOf } from './accounting';
import type { SessionPorts } from './ports';
import { STEP, type SessionStore } from './session-store';

/**
 * Start-up recovery: the kiosk stopped (crash, kill -9, power cut) with a session open. Money and paper have one
 * owner each, so recovery is two halves around the money service's own settlement, in this order (the composition
 * root calls `recoverAtStartup` for 1 and 2, then creates the runtime; kiosk/session/testing.ts does the same):
 *
 * 1. `recoverPaper` (before the money): closes the session's own pending steps with what is known (a copy being
 *    printed counts as not complete) and, when the restart came within RECOVERY_ATTENDED_MS of the last snapshot
 *    (the citizen is probably still there) and the session's money is paid and not yet settled, prints again the
 *    copies paid for whose printing had started, from the central office's reservation. It returns `feeKeptFor`:
 *    the fee each session's complete copies earned, from its journal.
 * 2. `MoneyService.start({ feeKeptFor })` settles the money, once: notes the acceptor held, dispenses from the
 *    hoppers' counters, and every unfinished account refunded by voucher less the fee its documents earned.
 * 3. The runtime starts in `recovering`, whose actor (`recoverUnfinished`) prints the vouchers the money service
 *    issued for these sessions and closes each with outcome `recovered`, its document events and the ledger's
 *    money, exactly once.
 *
 * Each step is journaled (the session's in its journal, the money service's in its ledger), so a power cut during
 * recovery is recovered on the next start, and every half is idempotent.
 */
export const RECOVERY_ATTENDED_MS = 5 * 60_000;

export type RecoveryDeps = { readonly ports: SessionPorts; readonly money: CashDesk; readonly store: SessionStore; readonly log: Logger };

/** What the money service needs from the session's recovery (`MoneyService.start({ feeKeptFor })`). */
export type PaperRecovery = {
  /** The fee a session's complete copies earned (0 when none); the money service keeps it and refunds the rest. */
  readonly feeKeptFor: (sessionId: string) => Won;
  /** Sessions found unfinished. */
  readonly sessions: readonly string[];
  /** Copies printed again for citizens probably still at the kiosk. */
  readonly reprinted: number;
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The fee each session's complete copies earned, from its journal alone. */
export function feesEarnedFrom(store: SessionStore): (sessionId: string) => Won {
  return (sessionId) => paperOf(store.ofSession(sessionId)).feesEarned;
}

/** Pending steps of the session's own: whatever came out of an interrupted job is the citizen's, not a complete copy. */
function settlePending(store: SessionStore, sessionId: string): number {
  let settled = 0;
  for (const entry of store.ofSession(sessionId).filter((candidate) => candidate.status === 'pending')) {
    if (entry.step === STEP.printCopy) store.settle(entry.id, { printedTo: num(entry.detail.fromPage) - 1, code: 'power-loss' });
    else store.settle(entry.id, { closedBy: 'recovery' });
    settled++;
  }
  return settled;
}

/**
 * The money is the citizen's to spend on these copies: paid in full and not yet settled (nothing kept or given
 * back), or nothing to pay at all.
 */
function paidAndUnsettled(money: CashDesk, sessionId: string, lines: ReturnType<typeof paperOf>['lines']): boolean {
  const account = money.account(sessionId);
  if (!account) return lines.every((line) => line.perCopy === 0);
  return account.status === 'paid' && account.feeKept + account.changePaid + account.refundPaid + account.refundOwed === 0;
}

/** Copies paid for whose printing had started and did not finish: print them again, stop at the first fault. */
async function reprint(deps: RecoveryDeps, sessionId: string): Promise<number> {
  const { ports, store, log, money } = deps;
  const paper = paperOf(store.ofSession(sessionId));
  if (!paidAndUnsettled(money, sessionId, paper.lines)) return 0;
  let reprinted = 0;
  const reserve = new Map<string, OptionValues>();
  for (const entry of store.ofSession(sessionId)) {
    if (entry.step === STEP.reserve && typeof entry.detail.issuanceNumber === 'string') {
      reserve.set(entry.detail.issuanceNumber, (entry.detail.options ?? {}) as OptionValues);
    }
  }
  for (const line of paper.lines) {
    const missing = line.copies - line.completeCopies;
    if (missing <= 0) continue;
    const status = await ports.printing.status();
    if (status.a4.state !== 'ready' || (status.a4.sheetsLeft !== null && status.a4.sheetsLeft < missing * line.pages)) return reprinted;
    const documentCode = line.documentCode as DocumentCode;
    const options = reserve.get(line.issuanceNumber) ?? {};
    const refetchId = store.begin(sessionId, STEP.refetch, { documentCode, issuanceNumber: line.issuanceNumber });
    const grant = await ports.records.refetch({ documentCode, issuanceNumber: line.issuanceNumber, options }).catch(() => null);
    if (!grant || !grant.ok) {
      store.fail(refetchId, { reason: grant ? grant.error.kind : 'adapter-error' });
      continue;
    }
    const rendered = await ports.printing.render({ documentCode, options, grant: grant.value, copies: line.copies });
    if (!rendered.ok || rendered.value.pages !== line.pages) {
      store.fail(refetchId, { reason: 'render-failed' });
      continue;
    }
    store.confirm(refetchId, {});
    const done = new Set(
      store
        .ofSession(sessionId)
        .filter((entry) => entry.step === STEP.printCopy && entry.status === 'confirmed' && entry.detail.issuanceNumber === line.issuanceNumber)
        .map((entry) => num(entry.detail.copy)),
    );
    for (let copy = 1; copy <= line.copies; copy++) {
      if (done.has(copy)) continue;
      const id = store.begin(sessionId, STEP.printCopy, {
        documentCode,
        issuanceNumber: line.issuanceNumber,
        verificationNumber: line.verificationNumber,
        copy,
        copies: line.copies,
        fromPage: 1,
        pages: line.pages,
        perCopy: line.perCopy,
        waivedBy: line.waivedBy,
        recovery: true,
      });
      const outcome = await ports.printing.printCopy({ ref: rendered.value.ref, copy, copies: line.copies, fromPage: 1 }, () => undefined);
      if (outcome.kind !== 'printed') {
        store.fail(id, { printedTo: outcome.kind === 'fault' ? outcome.printedTo : 0, code: outcome.kind === 'fault' ? outcome.code : 'document-unavailable' });
        ports.printing.discard(rendered.value.ref);
        log.warn({ event: 'session.recovery-reprint-stopped', sessionId, documentCode });
        return reprinted;
      }
      store.confirm(id, { printedTo: line.pages });
      reprinted++;
    }
    ports.printing.discard(rendered.value.ref);
  }
  return reprinted;
}

/**
 * First half of start-up recovery, before `MoneyService.start({ feeKeptFor })`: the session's own pending steps are
 * closed and copies are printed again for a citizen probably still there. Returns the fee each session earned.
 */
export async function recoverPaper(deps: RecoveryDeps): Promise<PaperRecovery> {
  const { store, ports, log } = deps;
  const sessions = store.unfinishedSessions();
  const checkpoint = store.loadCheckpoint();
  let reprinted = 0;
  for (const sessionId of sessions) {
    log.info({ event: 'session.recovery.paper', sessionId });
    settlePending(store, sessionId);
    const savedAt = checkpoint?.sessionId === sessionId ? checkpoint.savedAt : 0;
    const attended = savedAt > 0 && ports.clock.now() - savedAt <= RECOVERY_ATTENDED_MS;
    if (attended) reprinted += await reprint(deps, sessionId);
  }
  return { feeKeptFor: feesEarnedFrom(store), sessions, reprinted };
}

/** The money service as start-up needs it (`MoneyService`): it starts its devices and settles, once. */
export type StartingMoney = CashDesk & { start(options: SettleOptions): Promise<SettlementReport> };

/**
 * Start-up, in the one right order (the composition root calls it, then creates the session runtime with the same
 * money service): the session's paper recovery, then `money.start({ feeKeptFor })` — the cash devices start, what
 * they held is settled against the money service's journal, and every unfinished account is settled once, less
 * the fee its session earned. The vouchers of the sessions being recovered are printed by the runtime's
 * `recovering` screen; any other voucher of this settlement (an account a device outage had left open) is printed
 * here for the office's paper trail.
 */
export async function recoverAtStartup(deps: Omit<RecoveryDeps, 'money'> & { readonly money: StartingMoney }): Promise<{ readonly paper: PaperRecovery; readonly settlement: SettlementReport }> {
  const paper = await recoverPaper(deps);
  const settlement = await deps.money.start({ feeKeptFor: paper.feeKeptFor });
  for (const voucher of settlement.vouchers) {
    if (paper.sessions.includes(voucher.sessionId)) continue;
    const printed = await deps.ports.printing
      .printSlip({ kind: 'voucher', sessionId: voucher.sessionId, at: deps.ports.clock.now(), voucher: { code: voucher.code, amount: voucher.amount }, reason: voucher.reason })
      .catch(() => null);
    if (printed?.ok) deps.money.markVoucherPrinted(voucher.code);
  }
  deps.log.info({ event: 'session.recovery.money-settled', sessions: paper.sessions.length, reprinted: paper.reprinted, accounts: settlement.accounts.length, unresolved: settlement.unresolved });
  return { paper, settlement };
}

type Closed = { readonly refund: RefundNotice | null; readonly reprinted: number; readonly settled: number };

async function closeSession(deps: RecoveryDeps, sessionId: string): Promise<Closed> {
  const { store, ports, money, log } = deps;
  if (store.isClosed(sessionId)) return { refund: null, reprinted: 0, settled: 0 };
  // Idempotent: a start that skipped the first half (or died in it) still closes every step.
  const settled = settlePending(store, sessionId);
  let voucherCode: string | null = null;
  for (const voucher of money.vouchersToPrint(sessionId)) {
    voucherCode = voucher.code;
    const printed = await ports.printing
      .printSlip({ kind: 'voucher', sessionId, at: ports.clock.now(), voucher: { code: voucher.code, amount: voucher.amount }, reason: voucher.reason })
      .catch(() => null);
    if (printed?.ok) money.markVoucherPrinted(voucher.code);
    else log.error({ event: 'session.recovery-voucher-not-printed', sessionId, code: voucher.code });
  }
  const entries: readonly JournalEntry[] = store.ofSession(sessionId);
  const paper = paperOf(entries);
  const account = money.account(sessionId);
  if (account && account.status !== 'closed') {
    // The money service could not settle it yet (a device did not answer): it will when the device does.
    log.warn({ event: 'session.recovery-money-open', sessionId, received: account.received });
  }
  store.close(sessionId, { outcome: 'recovered', moneyIn: account?.received ?? 0, feesKept: account?.feeKept ?? 0 }, closingEvents(paper, account, 'recovered', 'recovered'));
  const reprinted = entries.filter((entry) => entry.step === STEP.printCopy && entry.status === 'confirmed' && entry.detail.recovery === true).length;
  log.info({ event: 'session.recovery.end', outcome: 'recovered', sessionId, settled, reprinted, refundOwed: account?.refundOwed ?? 0 });
  const back = (account?.refundPaid ?? 0) + (account?.refundOwed ?? 0);
  const refund: RefundNotice | null =
    back === 0 ? null : { amount: back, paidInCoins: account?.refundPaid ?? 0, voucherAmount: account?.refundOwed ?? 0, voucherCode };
  return { refund, reprinted, settled };
}

/**
 * Second half, in the runtime's `recovering` state after the money service settled: the session of the persisted
 * snapshot and any other the journal shows unfinished are closed, their vouchers printed.
 */
export async function recoverUnfinished(deps: RecoveryDeps, input: RecoveryInput): Promise<RecoverySettlement> {
  const { store } = deps;
  const main = await closeSession(deps, input.sessionId);
  for (const other of store.unfinishedSessions()) {
    if (other !== input.sessionId) await closeSession(deps, other);
  }
  if (store.loadCheckpoint()) store.clearCheckpoint();
  return { sessionId: input.sessionId, refund: main.refund, reprintedCopies: main.reprinted, settledSteps: main.settled };
}
