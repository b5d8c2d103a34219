import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { Availability, DocumentCode } from '../../catalog';
import type { Logger } from '../../common/log';
import { err, type Result } from '../../common/result';
import type { PayoutResult, PrePaymentFacts, PreparationProblem, PreparedDocument, PrintOutcome, Voucher } from '../../state-machines/session/facts';
import { FINGER_CAPTURE_TIMEOUT_MS, PRINTER_POLL_MS } from '../../state-machines/session/timeouts';
import type {
  CheckBeforePaymentInput,
  CloseSessionInput,
  CollectCashInput,
  CollectorCommand,
  PayoutInput,
  PrepareDocumentsInput,
  PrintCopyInput,
  ReceiptInput,
  RecoveryInput,
  RecoverySettlement,
  ReprepareInput,
  SessionEvent,
  VerifyIdentityInput,
  VoucherInput,
} from '../../state-machines/session/types';
import { accountsOf, closingEvents } from './accounting';
import type { RecordFailure, RecordGrant, SessionPorts } from './ports';
import { recoverUnfinished } from './recovery';
import { STEP, type SessionStore } from './session-store';

/**
 * The session machine's injected actors, built over the ports. This is where the journal rule is kept: every step
 * that moves money, paper or records is written before the port is asked to act and confirmed (or failed) after,
 * with its outbox events in the same transaction. Events reach the machine only while the actor is alive; the
 * journal is written regardless, because the devices act regardless.
 */
export type SessionEffectsDeps = {
  readonly ports: SessionPorts;
  readonly store: SessionStore;
  readonly log: Logger;
  readonly availability: (code: DocumentCode) => Availability;
};

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
  const { ports, store, log } = deps;

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
    const [printer, cash, officeReachable] = await Promise.all([
      ports.printing.status(),
      ports.payment.status(),
      ports.records.reachable().catch(() => false),
    ]);
    const availability: PrePaymentFacts['availability'] = Object.fromEntries(input.codes.map((code) => [code, deps.availability(code)]));
    return { availability, printer, cash, officeReachable };
  });

  const collectCash = fromCallback<CollectorCommand, CollectCashInput, SessionEvent>(({ input, sendBack, receive }) => {
    let alive = true;
    let closed = false;
    let escrow: number | null = null;
    let pending: { id: number; value: number } | null = null;
    let inserted = 0;
    const send = (event: SessionEvent) => {
      if (alive) sendBack(event);
    };
    const collectId = store.begin(input.sessionId, STEP.collect, { due: input.due, acceptedNotes: input.acceptedNotes });
    const collection = ports.payment.collect({ due: input.due, acceptedNotes: input.acceptedNotes }, (event) => {
      switch (event.type) {
        case 'escrow':
          escrow = event.value;
          send({ type: 'CASH.ESCROW', value: event.value });
          break;
        case 'stacked': {
          const stackedNote = pending;
          pending = null;
          escrow = null;
          inserted += event.value;
          const stacked = [{ type: 'cash.note-stacked' as const, payload: { value: event.value } }];
          afterAct(STEP.note, () => {
            if (stackedNote) store.confirm(stackedNote.id, { fate: 'stacked' }, stacked);
            // A note stacked without the session's word is still money received: journal it as such.
            else store.record(input.sessionId, STEP.note, { value: event.value, decision: 'device', fate: 'stacked' }, stacked);
          });
          send({ type: 'CASH.STACKED', value: event.value });
          break;
        }
        case 'returned': {
          const returnedNote = pending;
          pending = null;
          escrow = null;
          const returned = [{ type: 'cash.note-returned' as const, payload: { value: event.value, reason: event.reason } }];
          afterAct(STEP.note, () => {
            if (returnedNote) store.fail(returnedNote.id, { fate: 'returned', reason: event.reason }, returned);
            else store.record(input.sessionId, STEP.note, { value: event.value, decision: event.reason === 'stopped' ? 'stopped' : 'return', fate: 'returned' }, returned);
          });
          send({ type: 'CASH.RETURNED', value: event.value });
          break;
        }
        case 'rejected':
          send({ type: 'CASH.REJECTED', reason: event.reason });
          break;
        case 'fault':
          log.warn({ event: 'session.acceptor-fault', code: event.code });
          send({ type: 'CASH.FAULT', code: event.code });
          break;
        case 'closed':
          closed = true;
          afterAct(STEP.collect, () => store.confirm(collectId, { inserted }));
          send({ type: 'CASH.CLOSED' });
          break;
      }
    });
    receive((command) => {
      switch (command.type) {
        case 'STACK': {
          if (escrow === null) return;
          const value = escrow;
          try {
            pending = { id: store.begin(input.sessionId, STEP.note, { value, decision: 'stack' }), value };
          } catch (error) {
            // Never stack a note that is not journaled: it goes back to the citizen.
            log.error({ event: 'session.journal-failed', step: STEP.note, error });
            collection.returnNote();
            return;
          }
          collection.stack();
          break;
        }
        case 'RETURN':
          collection.returnNote();
          break;
        case 'STOP':
          collection.stop();
          break;
      }
    });
    return () => {
      alive = false;
      if (!closed) collection.stop();
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

  const payout = fromCallback<EventObject, PayoutInput, SessionEvent>(({ input, sendBack }) => {
    let alive = true;
    const id = store.begin(input.sessionId, STEP.payout, { amount: input.amount, purpose: input.purpose });
    ports.payment
      .payout(input.amount, (paid) => {
        if (alive) sendBack({ type: 'PAYOUT.PROGRESS', paid });
      })
      .catch((error: unknown): PayoutResult & { adapterError: true } => {
        // Nothing known to have come out: the whole amount becomes a voucher (the hopper count reconciles later).
        log.error({ event: 'session.payout-error', error });
        return { paid: 0, unpaid: input.amount, coins: {}, faultCode: 'adapter-error', adapterError: true };
      })
      .then((result) => {
        const events =
          result.paid === 0
            ? []
            : input.purpose === 'change'
              ? [{ type: 'cash.change-paid' as const, payload: { amount: result.paid, coins: { ...result.coins } } }]
              : [{ type: 'cash.refund-paid' as const, payload: { amount: result.paid, method: 'coins' as const, voucherCode: null } }];
        afterAct(STEP.payout, () => store.confirm(id, { paid: result.paid, unpaid: result.unpaid, coins: result.coins, faultCode: result.faultCode }, events));
        if (result.faultCode) log.warn({ event: 'session.payout-short', purpose: input.purpose, unpaid: result.unpaid, code: result.faultCode });
        if (alive) sendBack({ type: 'PAYOUT.DONE', result: { paid: result.paid, unpaid: result.unpaid, coins: result.coins, faultCode: result.faultCode } });
      });
    return () => {
      alive = false;
    };
  });

  const issueVoucher = fromPromise<Voucher, VoucherInput>(async ({ input }) => {
    const id = store.begin(input.sessionId, STEP.voucher, { amount: input.amount, reason: input.reason });
    const voucher = await ports.payment.issueVoucher({ amount: input.amount, reason: input.reason, key: `${input.sessionId}:${id}` });
    store.confirm(id, { voucherCode: voucher.code, key: `${input.sessionId}:${id}` }, [
      { type: 'cash.refund-owed', payload: { amount: input.amount, voucherCode: voucher.code, reason: input.reason } },
    ]);
    return voucher;
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
    return printed.ok;
  });

  const closeSession = fromPromise<void, CloseSessionInput>(async ({ input }) => {
    const accounts = accountsOf(store.ofSession(input.sessionId));
    const machine = input.money;
    if (
      accounts.moneyIn !== machine.inserted ||
      accounts.feesKept !== machine.feesKept ||
      accounts.changePaid !== machine.changePaid ||
      accounts.refundPaid !== machine.refundPaid ||
      accounts.refundOwed !== machine.refundOwed
    ) {
      // The journal is the authority; a difference is a bug worth a technician's look, never a reason to stop.
      log.error({ event: 'session.accounts-mismatch', sessionId: input.sessionId, journal: { ...accounts, lines: undefined, pending: undefined, unused: undefined }, machine });
    }
    store.close(input.sessionId, { outcome: input.outcome, moneyIn: accounts.moneyIn, feesKept: accounts.feesKept }, closingEvents(accounts, input.outcome, input.outcome));
    for (const ref of input.refs) ports.printing.discard(ref);
    log.info({ event: 'session.completed', sessionId: input.sessionId, outcome: input.outcome, moneyIn: accounts.moneyIn, feesKept: accounts.feesKept });
  });

  const recoverSession = fromPromise<RecoverySettlement, RecoveryInput>(async ({ input }) =>
    recoverUnfinished({ ports, store, log }, input),
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
    payout,
    issueVoucher,
    printReceipt,
    closeSession,
    recoverSession,
  };
}
