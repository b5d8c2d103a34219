import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { Availability, DocumentCode } from '../../catalog';
import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, type Result } from '../../common/result';
import type { MoneySettlement, PrePaymentFacts, PreparationProblem, PreparedDocument, PrintOutcome } from '../../state-machines/session/facts';
import { FINGER_CAPTURE_TIMEOUT_MS, PRINTER_POLL_MS } from '../../state-machines/session/timeouts';
import type {
  CashEvent,
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
} from '../../state-machines/session/types';
import { heldFor } from '../cash/ledger';
import type { CashDesk, Collection, CollectionEvent, SessionMoneyOutcome } from '../cash/types';
import { closingEvents, moneyOf, paperOf } from './accounting';
import type { RecordFailure, RecordGrant, SessionPorts } from './ports';
import { recoverUnfinished } from './recovery';
import { STEP, type SessionStore } from './session-store';

/**
 * The session machine's injected actors, built over the ports and the money service. This is where the journal
 * rule is kept for paper and records: every such step is written before the port is asked to act and confirmed
 * (or failed) after, with its outbox events in the same transaction. Money is ordered from the money service
 * (`CashDesk`), which journals its own steps and writes the cash.* events; the session records none of it. Events
 * reach the machine only while the actor is alive; the journal is written regardless, because the devices act
 * regardless.
 */
export type SessionEffectsDeps = {
  readonly ports: SessionPorts;
  readonly money: CashDesk;
  readonly store: SessionStore;
  readonly log: Logger;
  readonly availability: (code: DocumentCode) => Availability;
};

/** A collection event as the session machine hears it. */
export function cashEventOf(event: CollectionEvent): CashEvent {
  switch (event.type) {
    case 'accepting':
      return { type: 'CASH.ACCEPTING', notes: event.notes };
    case 'note-reading':
      return { type: 'CASH.READING' };
    case 'note-escrowed':
      return { type: 'CASH.ESCROWED', value: event.value };
    case 'note-stacking':
      return { type: 'CASH.STACKING', value: event.value };
    case 'note-returning':
      return { type: 'CASH.RETURNING', value: event.value, reason: event.reason };
    case 'note-stacked':
      return { type: 'CASH.STACKED', value: event.value, received: event.received };
    case 'note-returned':
      return { type: 'CASH.RETURNED', value: event.value ?? null, reason: event.reason };
    case 'note-rejected':
      return { type: 'CASH.REJECTED', reason: event.reason };
    case 'paid':
      return { type: 'CASH.PAID', received: event.received };
    case 'cannot-complete':
      return { type: 'CASH.CANNOT_COMPLETE', received: event.received };
    case 'fault':
      return { type: 'CASH.FAULT', fault: event.fault, received: event.received };
  }
}

/** What the ledger says when the settlement itself failed (the money service's journal settles the rest later). */
function settlementFromLedger(money: CashDesk, sessionId: string): MoneySettlement {
  let account;
  try {
    account = money.account(sessionId);
  } catch {
    account = undefined;
  }
  const known = moneyOf(account);
  return {
    received: known.in,
    feeKept: known.feesKept,
    changePaid: known.changePaid,
    refundPaid: known.refundPaid,
    refundOwed: known.refundOwed,
    voucher: null,
    inDoubt: account ? heldFor(account) : 0,
  };
}

function settlementOf(outcome: SessionMoneyOutcome): MoneySettlement {
  return {
    received: outcome.received,
    feeKept: outcome.feeKept,
    changePaid: outcome.changePaid,
    refundPaid: outcome.refundPaid,
    refundOwed: outcome.refundOwed,
    voucher: outcome.voucher ? { code: outcome.voucher.code, amount: outcome.voucher.amount } : null,
    inDoubt: outcome.inDoubt,
  };
}

const problemOf = (failure: RecordFailure): PreparationProblem => {
  switch (failure.kind) {
    case 'unreachable':
      return 'office-unreachable';
    case 'not-found':
      return 'not-found';
    case 'identity-expired':
      return 'identity-expired';
    case 'refused':
      return 'refused';
  }
};

async function settled<T, E>(promise: Promise<Result<T, E>>, fallback: E): Promise<Result<T, E>> {
  try {
    return await promise;
  } catch {
    return err(fallback);
  }
}

export function createSessionEffects(deps: SessionEffectsDeps) {
  const { ports, money, store, log } = deps;

  /**
   * A journal write after the device acted. If the database fails (disk full, power cut in the crash tests), the
   * failure is logged and the step stays pending: start-up recovery settles it from the devices' own counts.
   */
  const afterAct = (what: string, write: () => void): void => {
    try {
      write();
    } catch (error) {
      log.error({ event: 'session.journal-failed', step: what, error });
    }
  };

  const checkOffice = fromPromise<boolean, void>(async () => {
    try {
      return await ports.records.reachable();
    } catch {
      return false;
    }
  });

  const verifyIdentity = fromCallback<EventObject, VerifyIdentityInput, SessionEvent>(({ input, sendBack }) => {
    const abort = new AbortController();
    const send = (event: SessionEvent) => {
      if (!abort.signal.aborted) sendBack(event);
    };
    void (async () => {
      const captured = await settled(
        ports.identity.capture({
          timeoutMs: FINGER_CAPTURE_TIMEOUT_MS,
          signal: abort.signal,
          onGuidance: (guidance) => send({ type: 'IDENTITY.GUIDANCE', guidance }),
        }),
        { kind: 'reader-fault' as const, code: 'adapter-error' },
      );
      if (!captured.ok) {
        const failure = captured.error;
        send({ type: 'IDENTITY.FAULT', fault: failure.kind === 'reader-fault' ? { kind: 'reader-fault', code: failure.code } : { kind: failure.kind } });
        return;
      }
      send({ type: 'IDENTITY.GUIDANCE', guidance: 'verifying' });
      const verdict = await settled(
        ports.identity.verify({ residentNumber: input.residentNumber, template: captured.value, documentCodes: input.documentCodes }),
        { kind: 'unreachable' as const },
      );
      if (!verdict.ok) {
        log.warn({ event: 'session.identity-unverified', reason: verdict.error.kind });
        send({ type: 'IDENTITY.FAULT', fault: { kind: 'office-unreachable' } });
        return;
      }
      log.info({ event: 'session.identity-verdict', verified: verdict.value.verified });
      send({ type: 'IDENTITY.VERDICT', outcome: verdict.value });
    })().catch((error: unknown) => {
      log.error({ event: 'session.identity-error', error });
      send({ type: 'IDENTITY.FAULT', fault: { kind: 'reader-fault', code: 'adapter-error' } });
    });
    return () => abort.abort();
  });

  async function prepareLine(sessionId: string, token: string | null, line: PrepareDocumentsInput['lines'][number]) {
    const id = store.begin(sessionId, STEP.reserve, { documentCode: line.code, copies: line.copies, options: line.options });
    const fetched = await settled<RecordGrant, RecordFailure>(
      ports.records.fetch({ documentCode: line.code, options: line.options, copies: line.copies, token }),
      { kind: 'unreachable' },
    );
    if (!fetched.ok) {
      store.fail(id, { reason: fetched.error.kind });
      return { ok: false as const, problem: problemOf(fetched.error) };
    }
    const grant = fetched.value;
    const numbers = { issuanceNumber: grant.issuanceNumber, verificationNumber: grant.verificationNumber, inDistrict: grant.inDistrict };
    const rendered = await settled(ports.printing.render({ documentCode: line.code, options: line.options, grant, copies: line.copies }), {
      kind: 'render-failed' as const,
      detail: 'adapter error',
    });
    if (!rendered.ok) {
      // The number is reserved all the same: journaled, so that closing the session releases it.
      store.confirm(id, { ...numbers, pages: null, renderFailed: true });
      log.error({ event: 'session.render-failed', documentCode: line.code, detail: rendered.error.detail });
      return { ok: false as const, problem: 'render-failed' as const };
    }
    store.confirm(id, { ...numbers, pages: rendered.value.pages });
    const document: PreparedDocument = { ...numbers, pages: rendered.value.pages, ref: rendered.value.ref };
    return { ok: true as const, document };
  }

  const prepareDocuments = fromCallback<EventObject, PrepareDocumentsInput, SessionEvent>(({ input, sendBack }) => {
    let alive = true;
    void (async () => {
      for (const line of input.lines) {
        const result = await prepareLine(input.sessionId, input.token, line);
        if (alive) sendBack({ type: 'RECORDS.PREPARED', index: line.index, result });
      }
      if (alive) sendBack({ type: 'RECORDS.DONE' });
    })().catch((error: unknown) => {
      log.error({ event: 'session.records-error', error });
      if (alive) sendBack({ type: 'RECORDS.DONE' });
    });
    return () => {
      alive = false;
    };
  });

  const checkBeforePayment = fromPromise<PrePaymentFacts, CheckBeforePaymentInput>(async ({ input }) => {
    const [printer, officeReachable] = await Promise.all([ports.printing.status(), ports.records.reachable().catch(() => false)]);
    const availability: PrePaymentFacts['availability'] = Object.fromEntries(input.codes.map((code) => [code, deps.availability(code)]));
    return { availability, printer, cash: money.readiness(input.due), officeReachable };
  });

  /**
   * The money service's collection, followed: it enables the notes, decides at escrow and journals every note;
   * this only relays its events and, on STOP, stops it (and, when the citizen went back with nothing taken,
   * releases the session's empty account so that it can collect again).
   */
  const collectCash = fromCallback<CollectorCommand, CollectCashInput, SessionEvent>(({ input, sendBack, receive }) => {
    let alive = true;
    let collection: Collection | undefined;
    let unsubscribe: (() => void) | undefined;
    let stop: { readonly release: boolean } | undefined;
    let stopping = false;
    const send = (event: SessionEvent) => {
      if (alive) sendBack(event);
    };
    const stopCollection = () => {
      if (!collection || !stop || stopping) return;
      stopping = true;
      const release = stop.release;
      collection
        .stop()
        .then(async () => {
          if (release && (money.account(input.sessionId)?.received ?? 0) === 0) await money.cancel(input.sessionId);
        })
        .catch((error: unknown) => log.error({ event: 'session.collection-stop-failed', error }))
        .then(() => send({ type: 'CASH.CLOSED' }));
    };
    money.collect(input.sessionId, input.due).then(
      (collected) => {
        if (!collected.ok) {
          log.warn({ event: 'session.collection-unavailable', reason: collected.error.kind, detail: collected.error.detail });
          send({ type: 'CASH.UNAVAILABLE', reason: collected.error.kind });
          return;
        }
        collection = collected.value;
        unsubscribe = collection.subscribe((event) => {
          if (event.type === 'fault') log.warn({ event: 'session.acceptor-fault', fault: event.fault, detail: event.detail });
          send(cashEventOf(event));
        });
        send({ type: 'CASH.OPENED', notes: collection.snapshot().enabledNotes });
        stopCollection();
      },
      (error: unknown) => {
        log.error({ event: 'session.collection-failed', error });
        send({ type: 'CASH.UNAVAILABLE', reason: 'acceptor-unavailable' });
      },
    ).catch((error: unknown) => log.error({ event: 'session.collection-failed', error }));
    receive((command) => {
      stop = { release: command.release };
      stopCollection();
    });
    return () => {
      alive = false;
      unsubscribe?.();
      // Never leave the acceptor open behind the session (a stopped runtime); the money service settles the rest.
      if (collection && !stopping) void collection.stop().catch(() => undefined);
    };
  });

  const printCopy = fromCallback<EventObject, PrintCopyInput, SessionEvent>(({ input, sendBack }) => {
    let alive = true;
    const { document } = input;
    const id = store.begin(input.sessionId, STEP.printCopy, {
      documentCode: input.code,
      issuanceNumber: document.issuanceNumber,
      verificationNumber: document.verificationNumber,
      copy: input.copy,
      copies: input.copies,
      fromPage: input.fromPage,
      pages: document.pages,
      perCopy: input.perCopy,
      waivedBy: input.waivedBy,
    });
    ports.printing
      .printCopy({ ref: document.ref, copy: input.copy, copies: input.copies, fromPage: input.fromPage }, (page) => {
        if (alive) sendBack({ type: 'PRINT.PAGE', page });
      })
      .catch((error: unknown): PrintOutcome => {
        log.error({ event: 'session.print-error', error });
        return { kind: 'fault', printedTo: input.fromPage - 1, code: 'adapter-error' };
      })
      .then((outcome) => {
        afterAct(STEP.printCopy, () => {
          switch (outcome.kind) {
            case 'printed':
              store.confirm(id, { printedTo: document.pages });
              break;
            case 'fault':
              store.fail(id, { printedTo: outcome.printedTo, code: outcome.code });
              break;
            case 'document-unavailable':
              store.fail(id, { printedTo: input.fromPage - 1, code: 'document-unavailable' });
              break;
          }
        });
        if (alive) sendBack({ type: 'PRINT.DONE', outcome });
      });
    return () => {
      alive = false;
    };
  });

  const waitForPrinter = fromCallback<EventObject, void, SessionEvent>(({ sendBack }) => {
    let alive = true;
    let timer = ports.clock.setTimeout(function poll() {
      void ports.printing
        .status()
        .then((status) => {
          if (!alive) return;
          if (status.a4.state === 'ready') sendBack({ type: 'PRINTER.READY' });
          else timer = ports.clock.setTimeout(poll, PRINTER_POLL_MS);
        })
        .catch(() => {
          if (alive) timer = ports.clock.setTimeout(poll, PRINTER_POLL_MS);
        });
    }, PRINTER_POLL_MS);
    return () => {
      alive = false;
      ports.clock.clearTimeout(timer);
    };
  });

  const reprepareDocument = fromPromise<PreparedDocument | null, ReprepareInput>(async ({ input }) => {
    const id = store.begin(input.sessionId, STEP.refetch, { documentCode: input.code, issuanceNumber: input.document.issuanceNumber });
    const grant = await settled<RecordGrant, RecordFailure>(
      ports.records.refetch({ documentCode: input.code, issuanceNumber: input.document.issuanceNumber, options: input.options }),
      { kind: 'unreachable' },
    );
    if (!grant.ok) {
      store.fail(id, { reason: grant.error.kind });
      return null;
    }
    const rendered = await settled(ports.printing.render({ documentCode: input.code, options: input.options, grant: grant.value, copies: input.copies }), {
      kind: 'render-failed' as const,
      detail: 'adapter error',
    });
    // The same pages or nothing: the fee and the pages already printed were for that layout.
    if (!rendered.ok || rendered.value.pages !== input.document.pages) {
      store.fail(id, { reason: 'render-failed' });
      return null;
    }
    store.confirm(id, {});
    return { ...input.document, ref: rendered.value.ref };
  });

  /** The money service keeps the fee of what was printed and gives the rest back (coins, then a voucher). */
  const settleMoney = fromCallback<EventObject, SettleMoneyInput, SessionEvent>(({ input, sendBack }) => {
    let alive = true;
    const progress = (paid: Won) => {
      if (alive) sendBack({ type: 'PAYOUT.PROGRESS', paid });
    };
    const settled = input.how === 'settle' ? money.settle(input.sessionId, input.feeKept, progress) : money.cancel(input.sessionId, progress);
    settled
      .then(settlementOf, (error: unknown): MoneySettlement => {
        // The ledger keeps what it knows (its journal settles the rest at the next start); show what it has.
        log.error({ event: 'session.money-settle-failed', sessionId: input.sessionId, error });
        return settlementFromLedger(money, input.sessionId);
      })
      .then((result) => {
        if (result.inDoubt > 0) log.warn({ event: 'session.money-in-doubt', sessionId: input.sessionId, inDoubt: result.inDoubt });
        if (alive) sendBack({ type: 'PAYOUT.DONE', result });
      })
      .catch((error: unknown) => log.error({ event: 'session.money-settle-failed', sessionId: input.sessionId, error }));
    return () => {
      alive = false;
    };
  });

  const printReceipt = fromPromise<boolean, ReceiptInput>(async ({ input }) => {
    const id = store.begin(input.sessionId, STEP.receipt, {});
    const printed = await settled(
      ports.printing.printSlip({
        kind: 'receipt',
        sessionId: input.sessionId,
        at: ports.clock.now(),
        lines: input.lines.map((line) => ({ documentCode: line.code, copies: line.copies, fee: line.fee, issuanceNumber: line.issuanceNumber })),
        paid: input.paid,
        feesKept: input.feesKept,
        change: input.change,
        refunded: input.refunded,
        voucher: input.voucher,
      }),
      { code: 'adapter-error' },
    );
    if (printed.ok) store.confirm(id, { printed: true });
    else store.fail(id, { printed: false, code: printed.error.code });
    // The voucher is on the citizen's receipt: the money service need not print it again after a restart.
    if (printed.ok && input.voucher) money.markVoucherPrinted(input.voucher.code);
    return printed.ok;
  });

  const closeSession = fromPromise<void, CloseSessionInput>(async ({ input }) => {
    const paper = paperOf(store.ofSession(input.sessionId));
    const account = money.account(input.sessionId);
    const ledger = moneyOf(account);
    const machine = input.money;
    if (
      ledger.in !== machine.inserted ||
      ledger.feesKept !== machine.feesKept ||
      ledger.changePaid !== machine.changePaid ||
      ledger.refundPaid !== machine.refundPaid ||
      ledger.refundOwed !== machine.refundOwed ||
      (account !== undefined && account.feeKept !== paper.feesEarned)
    ) {
      // The ledger is the authority on money; a difference is worth a technician's look, never a reason to stop.
      log.error({ event: 'session.accounts-mismatch', sessionId: input.sessionId, ledger, machine, feesEarned: paper.feesEarned });
    }
    store.close(input.sessionId, { outcome: input.outcome, moneyIn: ledger.in, feesKept: ledger.feesKept }, closingEvents(paper, account, input.outcome, input.outcome));
    for (const ref of input.refs) ports.printing.discard(ref);
    log.info({ event: 'session.completed', sessionId: input.sessionId, outcome: input.outcome, moneyIn: ledger.in, feesKept: ledger.feesKept });
  });

  const recoverSession = fromPromise<RecoverySettlement, RecoveryInput>(async ({ input }) =>
    recoverUnfinished({ ports, money, store, log }, input),
  );

  return {
    checkOffice,
    verifyIdentity,
    prepareDocuments,
    checkBeforePayment,
    collectCash,
    printCopy,
    waitForPrinter,
    reprepareDocument,
    settleMoney,
    printReceipt,
    closeSession,
    recoverSession,
  };
}
