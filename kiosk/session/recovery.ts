import type { DocumentCode, OptionValues } from '../../catalog';
import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { RecoveryInput, RecoverySettlement } from '../../state-machines/session/types';
import type { RefundNotice } from '../../state-machines/view-model';
import type { JournalEntry } from '../store';
import { accountsOf, closingEvents, owedBack, type SessionAccounts } from './accounting';
import type { SessionPorts } from './ports';
import { STEP, type OutboxEvent, type SessionStore } from './session-store';

/**
 * Start-up recovery: the kiosk stopped (crash, kill -9, power cut) with a session open. Before the attract screen,
 * every unfinished session is settled from its journal, in this order:
 *
 * 1. the cash devices say what became of the note being stacked and of the payout under way (a note still in
 *    escrow is returned; a fate nobody can tell counts in the citizen's favour and shows in the cash-box count);
 * 2. every other pending step is closed with what is known (a copy being printed counts as not complete);
 * 3. copies paid for and not complete are printed again when the citizen is probably still there (the restart came
 *    within RECOVERY_ATTENDED_MS) and the printer and the central office allow it;
 * 4. whatever is still owed goes back: coins when attended, otherwise (and for what the hoppers cannot pay) a
 *    voucher recorded in the money service's ledger and printed on the receipt printer;
 * 5. the session is closed with outcome `recovered` and its events, exactly once.
 *
 * Each step is journaled like any other, so a crash during recovery is itself recovered on the next start.
 */
export const RECOVERY_ATTENDED_MS = 5 * 60_000;

export type RecoveryDeps = { readonly ports: SessionPorts; readonly store: SessionStore; readonly log: Logger };

type Totals = { paidInCoins: Won; voucherAmount: Won; voucherCode: string | null; reprinted: number; settled: number };

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function last(entries: readonly JournalEntry[], step: string, where: (entry: JournalEntry) => boolean = () => true): JournalEntry | undefined {
  return [...entries].reverse().find((entry) => entry.step === step && entry.status === 'pending' && where(entry));
}

async function settleCash(deps: RecoveryDeps, sessionId: string, entries: readonly JournalEntry[], totals: Totals): Promise<void> {
  const { ports, store } = deps;
  const note = last(entries, STEP.note, (entry) => entry.detail.decision === 'stack');
  const payout = last(entries, STEP.payout);
  const collect = last(entries, STEP.collect);
  if (!note && !payout && !collect) return;
  const answer = await ports.payment.recover({
    noteBeingStacked: note ? num(note.detail.value) : null,
    payoutInProgress: payout ? num(payout.detail.amount) : null,
  });
  let escrowAccounted = false;
  if (note) {
    const value = num(note.detail.value);
    switch (answer.note) {
      case 'stacked':
        store.settle(note.id, { fate: 'stacked' }, [{ type: 'cash.note-stacked', payload: { value } }]);
        break;
      case 'unknown':
      case null:
        // Nobody can tell: the citizen is given the benefit of the doubt, the cash-box count will show the truth.
        store.settle(note.id, { fate: 'assumed-stacked' }, [{ type: 'cash.note-stacked', payload: { value } }]);
        break;
      case 'returned':
        escrowAccounted = answer.escrowReturned === value;
        store.settle(note.id, { fate: 'returned' }, [{ type: 'cash.note-returned', payload: { value, reason: 'recovery' } }]);
        break;
    }
    totals.settled++;
  }
  if (answer.escrowReturned !== null && !escrowAccounted) {
    store.record(sessionId, STEP.note, { value: answer.escrowReturned, decision: 'recovery', fate: 'returned' }, [
      { type: 'cash.note-returned', payload: { value: answer.escrowReturned, reason: 'recovery' } },
    ]);
  }
  if (payout) {
    const purpose = payout.detail.purpose === 'change' ? 'change' : 'refund';
    const result = answer.payout;
    const paid = result?.paid ?? 0;
    const events: OutboxEvent[] =
      paid === 0
        ? []
        : purpose === 'change'
          ? [{ type: 'cash.change-paid', payload: { amount: paid, coins: { ...(result?.coins ?? {}) } } }]
          : [{ type: 'cash.refund-paid', payload: { amount: paid, method: 'coins', voucherCode: null } }];
    // An unknown payout counts as nothing paid: the rest is owed by voucher and the hopper count reconciles.
    store.settle(payout.id, { paid, unpaid: num(payout.detail.amount) - paid, known: result !== null }, events);
    totals.settled++;
  }
  if (collect) {
    store.settle(collect.id, { closedBy: 'recovery' });
    totals.settled++;
  }
}

async function settleOthers(deps: RecoveryDeps, sessionId: string, totals: Totals): Promise<void> {
  const { store, ports } = deps;
  for (const entry of store.ofSession(sessionId).filter((candidate) => candidate.status === 'pending')) {
    switch (entry.step) {
      case STEP.printCopy:
        // Whatever came out of the interrupted job is the citizen's; the copy is not complete.
        store.settle(entry.id, { printedTo: num(entry.detail.fromPage) - 1, code: 'power-loss' });
        break;
      case STEP.voucher: {
        // Idempotent by key: the same voucher if the money service recorded it before the power went.
        const key = `${sessionId}:${entry.id}`;
        const voucher = await ports.payment.issueVoucher({ amount: num(entry.detail.amount), reason: String(entry.detail.reason ?? 'recovery'), key });
        store.settle(entry.id, { voucherCode: voucher.code, key }, [
          { type: 'cash.refund-owed', payload: { amount: num(entry.detail.amount), voucherCode: voucher.code, reason: String(entry.detail.reason ?? 'recovery') } },
        ]);
        totals.voucherAmount += num(entry.detail.amount);
        totals.voucherCode = voucher.code;
        break;
      }
      default:
        store.settle(entry.id, { closedBy: 'recovery' });
        break;
    }
    totals.settled++;
  }
}

/** Copies paid for (or free) whose printing had started and did not finish: print them again, stop at the first fault. */
async function reprint(deps: RecoveryDeps, sessionId: string, accounts: SessionAccounts, totals: Totals): Promise<void> {
  const { ports, store, log } = deps;
  const paid = accounts.due === 0 || accounts.moneyIn >= accounts.due;
  if (!paid) return;
  const reserve = new Map<string, OptionValues>();
  for (const entry of store.ofSession(sessionId)) {
    if (entry.step === STEP.reserve && typeof entry.detail.issuanceNumber === 'string') {
      reserve.set(entry.detail.issuanceNumber, (entry.detail.options ?? {}) as OptionValues);
    }
  }
  for (const line of accounts.lines) {
    const missing = line.copies - line.completeCopies;
    if (missing <= 0) continue;
    const status = await ports.printing.status();
    if (status.a4.state !== 'ready' || (status.a4.sheetsLeft !== null && status.a4.sheetsLeft < missing * line.pages)) return;
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
        return;
      }
      store.confirm(id, { printedTo: line.pages });
      totals.reprinted++;
    }
    ports.printing.discard(rendered.value.ref);
  }
}

async function payBack(deps: RecoveryDeps, sessionId: string, attended: boolean, totals: Totals): Promise<void> {
  const { ports, store } = deps;
  const accounts = accountsOf(store.ofSession(sessionId));
  let owed = owedBack(accounts);
  if (owed <= 0) return;
  const paidInFull = accounts.due > 0 && accounts.moneyIn >= accounts.due;
  const changeOwed = paidInFull ? Math.max(0, Math.min(owed, accounts.moneyIn - accounts.due - accounts.changePaid)) : 0;
  const parts: { purpose: 'change' | 'refund'; amount: Won }[] = [
    { purpose: 'change', amount: changeOwed },
    { purpose: 'refund', amount: owed - changeOwed },
  ];
  if (attended) {
    for (const part of parts) {
      if (part.amount <= 0) continue;
      const id = store.begin(sessionId, STEP.payout, { amount: part.amount, purpose: part.purpose, recovery: true });
      const result = await ports.payment.payout(part.amount, () => undefined);
      const events: OutboxEvent[] =
        result.paid === 0
          ? []
          : part.purpose === 'change'
            ? [{ type: 'cash.change-paid', payload: { amount: result.paid, coins: { ...result.coins } } }]
            : [{ type: 'cash.refund-paid', payload: { amount: result.paid, method: 'coins', voucherCode: null } }];
      store.confirm(id, { paid: result.paid, unpaid: result.unpaid, coins: result.coins, faultCode: result.faultCode }, events);
      totals.paidInCoins += result.paid;
      owed -= result.paid;
    }
  }
  if (owed <= 0) return;
  const reason = attended ? 'recovery-unpaid' : 'recovery-unattended';
  const id = store.begin(sessionId, STEP.voucher, { amount: owed, reason });
  const key = `${sessionId}:${id}`;
  const voucher = await ports.payment.issueVoucher({ amount: owed, reason, key });
  store.confirm(id, { voucherCode: voucher.code, key }, [{ type: 'cash.refund-owed', payload: { amount: owed, voucherCode: voucher.code, reason } }]);
  totals.voucherAmount += owed;
  totals.voucherCode = voucher.code;
  await ports.printing.printSlip({ kind: 'voucher', sessionId, at: ports.clock.now(), voucher, reason }).catch(() => undefined);
}

async function settleSession(deps: RecoveryDeps, sessionId: string, savedAt: number): Promise<Totals> {
  const { store, ports, log } = deps;
  const totals: Totals = { paidInCoins: 0, voucherAmount: 0, voucherCode: null, reprinted: 0, settled: 0 };
  if (store.isClosed(sessionId)) return totals;
  log.info({ event: 'session.recovery.start', sessionId });
  const attended = savedAt > 0 && ports.clock.now() - savedAt <= RECOVERY_ATTENDED_MS;
  await settleCash(deps, sessionId, store.ofSession(sessionId), totals);
  await settleOthers(deps, sessionId, totals);
  if (attended) await reprint(deps, sessionId, accountsOf(store.ofSession(sessionId)), totals);
  await payBack(deps, sessionId, attended, totals);
  const accounts = accountsOf(store.ofSession(sessionId));
  store.close(sessionId, { outcome: 'recovered', moneyIn: accounts.moneyIn, feesKept: accounts.feesKept }, closingEvents(accounts, 'recovered', 'recovered'));
  log.info({ event: 'session.recovery.end', outcome: 'recovered', sessionId, settled: totals.settled, reprinted: totals.reprinted, owedBack: totals.paidInCoins + totals.voucherAmount });
  return totals;
}

/** Settles the session of the persisted snapshot and any other session the journal shows unfinished. */
export async function recoverUnfinished(deps: RecoveryDeps, input: RecoveryInput): Promise<RecoverySettlement> {
  const { store } = deps;
  const main = await settleSession(deps, input.sessionId, input.savedAt);
  for (const other of store.unfinishedSessions()) {
    if (other !== input.sessionId) await settleSession(deps, other, 0);
  }
  if (store.loadCheckpoint()) store.clearCheckpoint();
  const amount = main.paidInCoins + main.voucherAmount;
  const refund: RefundNotice | null =
    amount === 0 ? null : { amount, paidInCoins: main.paidInCoins, voucherAmount: main.voucherAmount, voucherCode: main.voucherCode };
  return { sessionId: input.sessionId, refund, reprintedCopies: main.reprinted, settledSteps: main.settled };
}
