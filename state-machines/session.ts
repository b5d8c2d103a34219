import { and, assign, enqueueActions, sendTo, setup, type SnapshotFrom, type StateValue } from 'xstate';
import { documentOf } from '../catalog';
import { sessionActors } from './session/actors';
import {
  changeDisplay,
  clampCopies,
  commitEditing,
  copyFaulted,
  copyPrinted,
  displayAfterKey,
  feesKept,
  freshContext,
  giveUpPrinting,
  initialContext,
  issuable,
  lineLost,
  needsIdentity,
  optionProblems,
  optionsValid,
  printOutcome,
  refundNotice,
  requote,
  setOption,
  startEditing,
  startPrinting,
  toWaivers,
  totalDue,
} from './session/context';
import { moneyBack } from './session/money';
import { prePaymentProblems } from './session/pre-payment';
import { formatResidentNumber, keypadVerdict, RESIDENT_NUMBER_DIGITS } from './session/resident-number';
import {
  COLLECTION_CLOSE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMING,
  idleLimitMs,
  MAX_BASKET,
  MAX_EXTENSIONS,
  MAX_PRINT_RECOVERIES,
  NOTICE_MS,
  PRINTER_RECOVERY_LIMIT_MS,
  THANK_YOU_MS,
  type TimedScreen,
} from './session/timeouts';
import type { MoneySettlement, PrePaymentFacts, PreparedDocument } from './session/facts';
import type { RecoverySettlement, SessionContext, SessionEvent, SessionInput, SessionOutcome } from './session/types';

export type { Language, SessionContext, SessionEvent, SessionInput, SessionOutcome } from './session/types';

/**
 * The citizen's session: the single source of truth for what the kiosk is doing (ARCHITECTURE.md). Pure logic, no
 * I/O: devices and services come in as injected actors (`machine.provide({ actors })`, contracts in
 * session/actors.ts), time through the actor's clock. Flow (issue 7):
 *
 *   attract → language → choose documents (a basket) → options per document → resident number (when a document
 *   needs identity) → fingerprint (≤ 3 attempts) → records → copies and fee summary (guards before payment) →
 *   payment (skipped at zero fee) → printing per document per copy → change → receipt → thank-you → attract
 *
 * and, after a crash or power loss, `recovering` settles the unfinished session before the attract screen.
 * A session begins when the first document is chosen; from then on every way out passes `closing`, which writes
 * exactly one outcome.
 */
const ANY_DOCUMENT_PAGES = 1;

/** Why a note came back, for the payment screen: refused by the money service at escrow, or given back by the unit. */
const returnMessageKey = (reason: string): string =>
  reason === 'change-unavailable' ? 'payment.note-not-accepted' : reason === 'already-paid' ? 'payment.already-paid' : 'payment.note-returned';

const sheetsOf = (context: SessionContext) =>
  context.basket.filter(issuable).map((item) => ({ code: item.code, sheets: item.prepared.pages * item.copies }));

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: sessionActors,
  guards: {
    /** Provided by the runtime: the chosen document (SELECT_DOCUMENT's `code`) is available now (hours, site). */
    documentSelectable: (_args) => true,
    /** Provided by the runtime: inside the kiosk's operating hours. */
    kioskOpen: () => true,
    inService: ({ context }) => context.outOfService.length === 0,
    hasRecovery: ({ context }) => context.recovery !== null,
    sessionStarted: ({ context }) => context.sessionId !== null,
    offered: ({ context, event }) => event.type === 'SELECT_DOCUMENT' && context.offered.includes(event.code),
    basketHasRoom: ({ context, event }) =>
      event.type === 'SELECT_DOCUMENT' &&
      (context.basket.length < MAX_BASKET || context.basket.some((item) => item.code === event.code)),
    basketNotEmpty: ({ context }) => context.basket.length > 0,
    inBasket: ({ context, event }) =>
      (event.type === 'REMOVE_DOCUMENT' || event.type === 'SET_COPIES') && context.basket.some((item) => item.code === event.code),
    isEditedDocument: ({ context, event }) =>
      (event.type === 'REMOVE_DOCUMENT' || event.type === 'SET_COPIES') && context.editing?.code === event.code,
    lastInBasket: ({ context, event }) =>
      event.type === 'REMOVE_DOCUMENT' && context.basket.length === 1 && context.basket[0]?.code === event.code,
    knownOption: ({ context, event }) =>
      event.type === 'SET_OPTION' && context.editing !== null && documentOf(context.editing.code).options.some((option) => option.key === event.key),
    optionsValid: ({ context }) => optionsValid(context.editing),
    needsIdentity: ({ context }) => needsIdentity(context.basket),
    digitRoom: ({ context }) => context.digits.length < RESIDENT_NUMBER_DIGITS,
    hasDigits: ({ context }) => context.digits.length > 0,
    residentNumberComplete: ({ context }) => context.digits.length === RESIDENT_NUMBER_DIGITS && context.residentErrorKey === null,
    verified: ({ event }) => event.type === 'IDENTITY.VERDICT' && event.outcome.verified,
    attemptsRemain: ({ context, event }) => {
      if (event.type === 'IDENTITY.FAULT') return event.fault.kind === 'no-finger' || event.fault.kind === 'poor-image';
      if (event.type !== 'IDENTITY.VERDICT' || event.outcome.verified) return false;
      if (event.outcome.reason === 'locked' || event.outcome.reason === 'unknown-resident') return false;
      return Math.min(context.identity.attemptsLeft - 1, event.outcome.attemptsLeft) > 0;
    },
    cancelRequested: ({ context }) => context.cancelRequested,
    canPay: ({ context }) => context.basket.some(issuable) && context.summaryProblems.length === 0,
    nothingInserted: ({ context }) => context.money.inserted === 0,
    paymentCompleted: ({ context }) => context.paymentEnd === null && context.money.paidInFull,
    backToSummary: ({ context }) => context.paymentEnd === 'back' && context.money.inserted === 0,
    allPrinted: ({ context }) => context.printing.line >= context.printing.lines.length,
    copyPrintedOk: ({ event }) => event.type === 'PRINT.DONE' && event.outcome.kind === 'printed',
    documentUnavailable: ({ event }) => event.type === 'PRINT.DONE' && event.outcome.kind === 'document-unavailable',
    recoveriesLeft: ({ context }) => context.printing.recoveries < MAX_PRINT_RECOVERIES,
    moneyRequested: ({ context }) => context.money.requested,
    moneyTaken: ({ context }) => context.money.inserted > 0,
    showsThankYou: ({ context }) => context.finalScreen === 'thank-you',
    showsNotice: ({ context }) => context.finalScreen === 'notice',
    warningShown: ({ context }) => context.idle.secondsLeft !== null,
    warningOver: ({ context }) => context.idle.secondsLeft !== null && context.idle.secondsLeft <= 1,
    canExtend: ({ context }) => context.idle.secondsLeft !== null && context.idle.extensionsUsed < MAX_EXTENSIONS,
  },
  actions: {
    reset: assign(({ context }) => freshContext(context)),
    setOutcome: assign(({ context }, params: { outcome: SessionOutcome }) => ({ outcome: context.outcome ?? params.outcome })),
    setLanguage: assign(({ context, event }) => ({ language: event.type === 'CHOOSE_LANGUAGE' ? event.language : context.language })),
    setDisplay: assign(({ context, event }) => ({ display: event.type === 'SET_DISPLAY' ? changeDisplay(context.display, event.change) : context.display })),
    pulseKeypad: assign(({ context, event }) => {
      if (event.type !== 'KEYPAD') return {};
      return { keypad: { sequence: (context.keypad?.sequence ?? 0) + 1, key: event.key }, display: displayAfterKey(context.display, event.key) };
    }),
    setHealth: assign(({ event }) => (event.type === 'SET_HEALTH' ? { outOfService: event.faults } : {})),

    // ---- idle time-outs: one delayed event at a time, id `idle` ----
    armIdle: enqueueActions(({ context, enqueue }, params: { screen: TimedScreen }) => {
      const limitMs = idleLimitMs(params.screen, context.display, context.idleTiming ?? DEFAULT_IDLE_TIMING);
      enqueue.cancel('idle');
      enqueue.assign({ idle: { ...context.idle, limitMs, secondsLeft: null } });
      enqueue.raise({ type: 'IDLE.WARN' }, { delay: limitMs, id: 'idle' });
    }),
    disarmIdle: enqueueActions(({ context, enqueue }) => {
      enqueue.cancel('idle');
      enqueue.assign({ idle: { ...context.idle, limitMs: null, secondsLeft: null } });
    }),
    /** The citizen did something: the screen's limit starts again and the warning goes away. */
    noteActivity: enqueueActions(({ context, enqueue }) => {
      const limitMs = context.idle.limitMs;
      if (limitMs === null) return;
      enqueue.cancel('idle');
      enqueue.assign({ idle: { ...context.idle, secondsLeft: null } });
      enqueue.raise({ type: 'IDLE.WARN' }, { delay: limitMs, id: 'idle' });
    }),
    startWarning: enqueueActions(({ context, enqueue }) => {
      if (context.idle.limitMs === null) return;
      enqueue.assign({ idle: { ...context.idle, secondsLeft: (context.idleTiming ?? DEFAULT_IDLE_TIMING).warningSeconds } });
      enqueue.raise({ type: 'IDLE.TICK' }, { delay: 1000, id: 'idle' });
    }),
    tickWarning: enqueueActions(({ context, enqueue }) => {
      if (context.idle.secondsLeft === null) return;
      enqueue.assign({ idle: { ...context.idle, secondsLeft: context.idle.secondsLeft - 1 } });
      enqueue.raise({ type: 'IDLE.TICK' }, { delay: 1000, id: 'idle' });
    }),
    expireIdle: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ idle: { ...context.idle, secondsLeft: null } });
      enqueue.raise({ type: 'IDLE.EXPIRED' });
    }),
    extendTime: enqueueActions(({ context, enqueue }) => {
      const limitMs = context.idle.limitMs;
      if (limitMs === null) return;
      enqueue.cancel('idle');
      enqueue.assign({ idle: { limitMs, secondsLeft: null, extensionsUsed: context.idle.extensionsUsed + 1 } });
      enqueue.raise({ type: 'IDLE.WARN' }, { delay: limitMs, id: 'idle' });
    }),

    // ---- documents ----
    startSession: assign(({ context, event }) => ({
      sessionId: context.sessionId ?? (event.type === 'SELECT_DOCUMENT' ? event.sessionId : null),
    })),
    editDocument: assign(({ context, event }) => (event.type === 'SELECT_DOCUMENT' ? { editing: startEditing(context.basket, event.code) } : {})),
    setOption: assign(({ context, event }) =>
      event.type === 'SET_OPTION' && context.editing ? { editing: setOption(context.editing, event.key, event.value) } : {},
    ),
    showOptionProblems: assign(({ context }) => (context.editing ? { editing: { ...context.editing, problems: optionProblems(context.editing) } } : {})),
    commitEditing: assign(({ context }) => (context.editing ? { basket: commitEditing(context.basket, context.editing), editing: null } : {})),
    dropEditing: assign({ editing: null }),
    setEditingCopies: assign(({ context, event }) =>
      event.type === 'SET_COPIES' && context.editing ? { editing: { ...context.editing, copies: clampCopies(event.code, event.copies) } } : {},
    ),
    removeDocument: assign(({ context, event }) =>
      event.type === 'REMOVE_DOCUMENT' ? { basket: context.basket.filter((item) => item.code !== event.code), summaryProblems: [] } : {},
    ),
    setCopies: assign(({ context, event }) => {
      if (event.type !== 'SET_COPIES') return {};
      const basket = context.basket.map((item) => (item.code === event.code ? { ...item, copies: clampCopies(item.code, event.copies) } : item));
      return { basket: requote(basket, context, context.identity.entitlements) };
    }),
    requoteAfterRemoval: assign(({ context }) => ({ basket: requote(context.basket, context, context.identity.entitlements) })),

    // ---- resident number: digits in memory only ----
    enterDigit: assign(({ context, event }) => {
      if (event.type !== 'ENTER_DIGIT') return {};
      const digits = context.digits + event.digit;
      // The kiosk's one validator (kiosk/identity/resident-number.ts), through the keypad's message keys.
      const verdict = keypadVerdict(digits, event.today);
      return { digits, residentErrorKey: verdict.errorKey, residentWarningKey: verdict.warningKey };
    }),
    deleteDigit: assign(({ context }) => ({ digits: context.digits.slice(0, -1), residentErrorKey: null, residentWarningKey: null })),
    clearDigits: assign({ digits: '', residentErrorKey: null, residentWarningKey: null }),
    /** Privacy (domain.md): the number and the token leave memory as soon as they are not needed. */
    wipePersonal: assign(({ context }) => ({ digits: '', residentErrorKey: null, residentWarningKey: null, identity: { ...context.identity, token: null } })),

    // ---- identity ----
    startCapture: assign(({ context }) => ({ identity: { ...context.identity, phase: 'place-finger' as const, guidanceKey: null } })),
    guidance: assign(({ context, event }) => {
      if (event.type !== 'IDENTITY.GUIDANCE') return {};
      const phase = event.guidance === 'verifying' ? 'verifying' : event.guidance === 'reading' ? 'reading' : event.guidance === 'lift-finger' ? 'lift-finger' : 'place-finger';
      const guidanceKey = event.guidance === 'press-harder' || event.guidance === 'move-finger' ? `fingerprint.${event.guidance}` : context.identity.guidanceKey;
      return { identity: { ...context.identity, phase, guidanceKey } };
    }),
    acceptVerdict: assign(({ context, event }) => {
      if (event.type !== 'IDENTITY.VERDICT' || !event.outcome.verified) return {};
      return {
        digits: '',
        identity: { ...context.identity, token: event.outcome.token, entitlements: toWaivers(event.outcome.entitlements), failureKey: null, guidanceKey: null },
      };
    }),
    countAttempt: assign(({ context, event }) => {
      if (event.type === 'IDENTITY.FAULT') {
        // No finger, or the reader could not get a usable image: not a comparison, no attempt used.
        return { identity: { ...context.identity, phase: 'retry' as const, guidanceKey: `fingerprint.${event.fault.kind}` } };
      }
      if (event.type !== 'IDENTITY.VERDICT' || event.outcome.verified) return {};
      const attemptsUsed = context.identity.attemptsUsed + 1;
      const attemptsLeft = Math.max(0, Math.min(context.identity.attemptsLeft - 1, event.outcome.attemptsLeft));
      return {
        identity: { ...context.identity, attemptsUsed, attemptsLeft, phase: 'retry' as const, guidanceKey: `fingerprint.${event.outcome.reason}` },
      };
    }),
    identityFailed: assign(({ context, event }) => {
      let failureKey = 'identity.attempts-exhausted';
      if (event.type === 'IDENTITY.VERDICT' && !event.outcome.verified) {
        failureKey = event.outcome.reason === 'unknown-resident' ? 'identity.unknown-resident' : event.outcome.reason === 'locked' ? 'identity.locked' : 'identity.attempts-exhausted';
      } else if (event.type === 'IDENTITY.FAULT') {
        failureKey = event.fault.kind === 'office-unreachable' ? 'identity.office-unreachable' : 'identity.reader-fault';
      }
      return { digits: '', identity: { ...context.identity, failureKey, token: null, attemptsLeft: event.type === 'IDENTITY.FAULT' ? context.identity.attemptsLeft : 0 }, outcome: context.outcome ?? ('identity-failed' as const) };
    }),

    // ---- records ----
    startRecords: assign(({ context }) => ({
      records: { done: 0, total: context.basket.length },
      basket: context.basket.map((item) => ({ ...item, prepared: null, quote: null, problemKey: null })),
      cancelRequested: false,
    })),
    linePrepared: assign(({ context, event }) => {
      if (event.type !== 'RECORDS.PREPARED') return {};
      const basket = context.basket.map((item, index) => {
        if (index !== event.index) return item;
        return event.result.ok
          ? { ...item, prepared: event.result.document, problemKey: null }
          : { ...item, prepared: null, problemKey: `records.${event.result.problem}` };
      });
      return {
        basket,
        records: { ...context.records, done: context.records.done + 1 },
        refs: event.result.ok ? [...context.refs, event.result.document.ref] : context.refs,
      };
    }),
    quote: assign(({ context }) => ({ basket: requote(context.basket, context, context.identity.entitlements) })),
    requestCancel: assign({ cancelRequested: true }),

    // ---- before payment ----
    judgeFacts: assign(({ context }, facts: PrePaymentFacts) => {
      const due = totalDue(context.basket);
      return {
        summaryProblems: prePaymentProblems(facts, { lines: sheetsOf(context), due }),
        money: { ...context.money, due },
      };
    }),
    factsUnavailable: assign(({ context }) => ({
      summaryProblems: context.basket.filter(issuable).map((item) => ({ code: item.code, reasonKey: 'kiosk.check-failed' })),
    })),

    // ---- payment: the money service collects and decides at escrow; the machine follows its events ----
    startPayment: assign(({ context }) => {
      const due = totalDue(context.basket);
      return {
        money: { ...context.money, due, inserted: 0, escrow: null, phase: 'insert' as const, messageKey: null, paidInFull: false, acceptedNotes: [], requested: true },
        cancelRequested: false,
        paymentEnd: null,
      };
    }),
    stopCollector: sendTo('collector', ({ context }) => ({ type: 'STOP' as const, release: context.paymentEnd === 'back' && context.money.inserted === 0 })),
    collectionOpened: assign(({ context, event }) => (event.type === 'CASH.OPENED' ? { money: { ...context.money, acceptedNotes: event.notes } } : {})),
    accepting: assign(({ context, event }) => (event.type === 'CASH.ACCEPTING' ? { money: { ...context.money, acceptedNotes: event.notes } } : {})),
    /** Collecting could not start after all (the acceptor or the change went since the check): back to the summary, saying why. */
    collectionUnavailable: assign(({ context, event }) => {
      const reasonKey = event.type === 'CASH.UNAVAILABLE' && event.reason === 'change-unavailable' ? 'payment.no-change' : 'payment.acceptor-not-ready';
      return {
        money: { ...context.money, requested: false },
        summaryProblems: context.basket.filter(issuable).map((item) => ({ code: item.code, reasonKey })),
      };
    }),
    noteReading: assign(({ context }) => ({ money: { ...context.money, phase: 'checking' as const } })),
    noteInEscrow: assign(({ context, event }) =>
      event.type === 'CASH.ESCROWED' ? { money: { ...context.money, escrow: event.value, phase: 'checking' as const, messageKey: null } } : {},
    ),
    noteStacking: assign(({ context, event }) =>
      event.type === 'CASH.STACKING' ? { money: { ...context.money, escrow: event.value, phase: 'stacking' as const, messageKey: null } } : {},
    ),
    noteReturning: assign(({ context, event }) =>
      event.type === 'CASH.RETURNING' ? { money: { ...context.money, escrow: event.value, phase: 'returning' as const, messageKey: returnMessageKey(event.reason) } } : {},
    ),
    noteStacked: assign(({ context, event }) => {
      if (event.type !== 'CASH.STACKED') return {};
      return { money: { ...context.money, inserted: event.received, escrow: null, phase: 'insert' as const } };
    }),
    noteReturned: assign(({ context, event }) =>
      event.type === 'CASH.RETURNED'
        ? { money: { ...context.money, escrow: null, phase: 'insert' as const, messageKey: context.money.messageKey ?? returnMessageKey(event.reason) } }
        : {},
    ),
    noteRejected: assign(({ context }) => ({ money: { ...context.money, escrow: null, phase: 'insert' as const, messageKey: 'payment.note-rejected' } })),
    paidInFull: assign(({ context, event }) =>
      event.type === 'CASH.PAID' ? { money: { ...context.money, inserted: event.received, escrow: null, paidInFull: true, phase: 'paid' as const, acceptedNotes: [] } } : {},
    ),
    endPayment: assign(({ context }, params: { why: 'cancel' | 'abandon' | 'back' }) => {
      const outcome: SessionOutcome | null = params.why === 'cancel' ? 'cancelled' : params.why === 'abandon' ? 'abandoned' : null;
      return { paymentEnd: params.why, outcome: context.outcome ?? outcome };
    }),
    cashFault: assign(({ context, event }) => ({
      paymentEnd: 'fault' as const,
      notice: { whatKey: 'payment.acceptor-fault', whatToDoKey: 'refund.take-money' },
      money: { ...context.money, escrow: null, inserted: event.type === 'CASH.FAULT' ? event.received : context.money.inserted },
    })),
    cannotComplete: assign(({ context, event }) => ({
      paymentEnd: 'fault' as const,
      notice: { whatKey: 'payment.no-change', whatToDoKey: 'refund.take-money' },
      money: { ...context.money, escrow: null, inserted: event.type === 'CASH.CANNOT_COMPLETE' ? event.received : context.money.inserted },
    })),

    // ---- printing ----
    startPrinting: assign(({ context }) => ({ printing: startPrinting(context.basket) })),
    pagePrinted: assign(({ context, event }) => (event.type === 'PRINT.PAGE' ? { printing: { ...context.printing, page: event.page } } : {})),
    copyPrinted: assign(({ context }) => {
      const item = context.basket[context.printing.line];
      return { printing: copyPrinted(context.printing, item?.prepared?.pages ?? ANY_DOCUMENT_PAGES) };
    }),
    copyFaulted: assign(({ context, event }) => {
      if (event.type !== 'PRINT.DONE' || event.outcome.kind !== 'fault') return {};
      const item = context.basket[context.printing.line];
      return { printing: copyFaulted(context.printing, event.outcome.printedTo, item?.prepared?.pages ?? ANY_DOCUMENT_PAGES, event.outcome.code) };
    }),
    printerRecovered: assign(({ context }) => ({
      printing: { ...context.printing, recoveries: context.printing.recoveries + 1, phase: 'printing' as const, faultKey: null },
    })),
    giveUpPrinting: assign(({ context }) => ({ printing: giveUpPrinting(context.printing, 'printing.printer-fault') })),
    documentReprepared: assign(({ context }, document: PreparedDocument) => {
      const basket = context.basket.map((item, index) => (index === context.printing.line ? { ...item, prepared: document } : item));
      return { basket, refs: [...context.refs, document.ref] };
    }),
    documentLost: assign(({ context }) => ({ printing: lineLost(context.printing, 'printing.document-lost') })),

    // ---- money back: the money service settles (coins first, a voucher for the rest) ----
    settle: assign(({ context }) => {
      const kept = context.paymentEnd === null ? feesKept(context.basket, context.printing) : 0;
      const back = moneyBack({ inserted: context.money.inserted, due: context.money.due, paidInFull: context.money.paidInFull && context.paymentEnd === null, feesKept: kept });
      const outcome = context.outcome ?? (context.paymentEnd === 'fault' ? (context.money.inserted > 0 ? 'refunded' : 'failed') : printOutcome(context.basket, context.printing, context.money.inserted));
      return { outcome, money: { ...context.money, feesKept: kept, changeDue: back.change, refundDue: back.refund, payoutProgress: 0 } };
    }),
    payoutProgress: assign(({ context, event }) => (event.type === 'PAYOUT.PROGRESS' ? { money: { ...context.money, payoutProgress: event.paid } } : {})),
    moneySettled: assign(({ context }, result: MoneySettlement) => ({
      money: {
        ...context.money,
        inserted: result.received,
        feesKept: result.feeKept,
        changePaid: result.changePaid,
        refundPaid: result.refundPaid,
        refundOwed: result.refundOwed,
        voucherCode: result.voucher?.code ?? context.money.voucherCode,
        payoutProgress: result.changePaid + result.refundPaid,
        requested: false,
      },
    })),
    receiptStarted: assign({ receiptPrinting: true }),
    receiptDone: assign({ receiptPrinting: false }),

    // ---- the end ----
    decideFinal: assign(({ context }) => {
      const refund = refundNotice(context.money);
      const outcome = context.outcome ?? 'abandoned';
      let finalScreen: SessionContext['finalScreen'] = 'none';
      let notice = context.notice;
      switch (outcome) {
        case 'issued':
          finalScreen = 'thank-you';
          break;
        case 'cancelled':
        case 'abandoned':
          finalScreen = notice ? 'notice' : context.money.inserted > 0 ? 'thank-you' : 'none';
          break;
        case 'partly-issued':
        case 'refunded':
        case 'failed':
          if (context.printing.lines.length > 0 || context.money.inserted > 0 || notice) {
            finalScreen = 'notice';
            notice = notice ?? {
              whatKey: 'printing.failed',
              whatToDoKey: refund === null ? 'printing.ask-staff' : refund.voucherAmount > 0 ? 'refund.take-voucher' : 'refund.take-coins',
            };
          }
          break;
        case 'identity-failed':
        case 'recovered':
          finalScreen = 'none';
          break;
      }
      return { outcome, refund, finalScreen, notice };
    }),
    recovered: assign((_args, settlement: RecoverySettlement) => ({
      finalScreen: 'notice' as const,
      refund: settlement.refund,
      notice: { whatKey: 'recovery.settled', whatToDoKey: settlement.refund?.voucherAmount ? 'refund.take-voucher' : 'refund.take-coins' },
      outcome: 'recovered' as const,
    })),
    recoveryFailed: assign({ finalScreen: 'notice' as const, notice: { whatKey: 'recovery.failed', whatToDoKey: 'recovery.call-staff' }, outcome: 'recovered' as const }),
    clearRecovery: assign({ recovery: null }),
  },
  delays: {
    thankYou: THANK_YOU_MS,
    notice: NOTICE_MS,
    printerRecovery: PRINTER_RECOVERY_LIMIT_MS,
    collectionClose: COLLECTION_CLOSE_TIMEOUT_MS,
  },
}).createMachine({
  id: 'session',
  // The idle timing is the kiosk's (configuration), kept beside the citizen's context and through every reset.
  context: ({ input }) => ({ ...initialContext(input), idleTiming: input.idleTiming ?? DEFAULT_IDLE_TIMING }),
  initial: 'boot',
  on: {
    SET_DISPLAY: { actions: ['setDisplay', 'noteActivity'] },
    KEYPAD: { actions: ['pulseKeypad', 'noteActivity'] },
    CHOOSE_LANGUAGE: { actions: ['setLanguage', 'noteActivity'] },
    SET_HEALTH: { actions: 'setHealth' },
    'IDLE.WARN': { actions: 'startWarning' },
    'IDLE.TICK': [{ guard: 'warningOver', actions: 'expireIdle' }, { guard: 'warningShown', actions: 'tickWarning' }],
    EXTEND_TIME: { guard: 'canExtend', actions: 'extendTime' },
  },
  states: {
    boot: {
      always: [{ guard: 'hasRecovery', target: 'recovering' }, { target: 'attract' }],
    },

    attract: {
      entry: 'reset',
      on: {
        TOUCH: { guard: and(['kioskOpen', 'inService']), target: 'language' },
        CHOOSE_LANGUAGE: { guard: and(['kioskOpen', 'inService']), target: 'chooseDocument', actions: 'setLanguage' },
        // "처음으로" on the attract screen is already home: accepted, nothing to do (an action, so that `can` agrees).
        HOME: { actions: 'noteActivity' },
      },
    },

    language: {
      tags: 'timed',
      entry: { type: 'armIdle', params: { screen: 'language' } },
      exit: 'disarmIdle',
      on: {
        CHOOSE_LANGUAGE: { target: 'chooseDocument', actions: 'setLanguage' },
        BACK: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        'IDLE.EXPIRED': { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
      },
    },

    chooseDocument: {
      tags: 'timed',
      entry: { type: 'armIdle', params: { screen: 'choose-document' } },
      exit: 'disarmIdle',
      on: {
        SELECT_DOCUMENT: {
          guard: and(['offered', 'basketHasRoom', 'documentSelectable']),
          target: 'documentOptions',
          actions: ['startSession', 'editDocument'],
        },
        PROCEED: { guard: 'basketNotEmpty', target: 'checkingOffice' },
        REMOVE_DOCUMENT: { guard: 'inBasket', actions: ['removeDocument', 'noteActivity'] },
        SET_COPIES: { guard: 'inBasket', actions: ['setCopies', 'noteActivity'] },
        BACK: { target: 'language' },
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        'IDLE.EXPIRED': { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
      },
    },

    documentOptions: {
      tags: 'timed',
      entry: { type: 'armIdle', params: { screen: 'document-options' } },
      exit: 'disarmIdle',
      on: {
        SET_OPTION: { guard: 'knownOption', actions: ['setOption', 'noteActivity'] },
        CONFIRM_OPTIONS: [
          { guard: 'optionsValid', target: 'checkingOffice', actions: 'commitEditing' },
          { actions: ['showOptionProblems', 'noteActivity'] },
        ],
        ADD_ANOTHER: [
          { guard: 'optionsValid', target: 'chooseDocument', actions: 'commitEditing' },
          { actions: ['showOptionProblems', 'noteActivity'] },
        ],
        SET_COPIES: { guard: 'isEditedDocument', actions: ['setEditingCopies', 'noteActivity'] },
        REMOVE_DOCUMENT: { guard: 'isEditedDocument', target: 'chooseDocument', actions: ['removeDocument', 'dropEditing'] },
        BACK: { target: 'chooseDocument', actions: 'dropEditing' },
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        'IDLE.EXPIRED': { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
      },
    },

    /** Before anyone places a finger: is the central office there at all? */
    checkingOffice: {
      invoke: {
        src: 'checkOffice',
        onDone: [
          { guard: and([({ event }) => event.output, 'needsIdentity']), target: 'residentNumber' },
          { guard: ({ event }) => event.output, target: 'loadingRecords' },
          { target: 'officeUnreachable' },
        ],
        onError: { target: 'officeUnreachable' },
      },
      on: {
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
      },
    },

    officeUnreachable: {
      tags: 'timed',
      entry: [{ type: 'armIdle', params: { screen: 'office-unreachable' } }, { type: 'setOutcome', params: { outcome: 'failed' } }],
      exit: 'disarmIdle',
      on: {
        ACKNOWLEDGE: 'ending',
        HOME: 'ending',
        CANCEL: 'ending',
        'IDLE.EXPIRED': 'ending',
      },
    },

    residentNumber: {
      tags: 'timed',
      entry: { type: 'armIdle', params: { screen: 'resident-number' } },
      exit: 'disarmIdle',
      on: {
        ENTER_DIGIT: { guard: 'digitRoom', actions: ['enterDigit', 'noteActivity'] },
        DELETE_DIGIT: { guard: 'hasDigits', actions: ['deleteDigit', 'noteActivity'] },
        CLEAR_DIGITS: { actions: ['clearDigits', 'noteActivity'] },
        CONFIRM_RESIDENT_NUMBER: { guard: 'residentNumberComplete', target: 'fingerprint' },
        BACK: { target: 'chooseDocument', actions: 'clearDigits' },
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        'IDLE.EXPIRED': { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
      },
    },

    fingerprint: {
      initial: 'capturing',
      on: {
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
      },
      states: {
        capturing: {
          entry: 'startCapture',
          invoke: {
            src: 'verifyIdentity',
            input: ({ context }) => ({
              residentNumber: formatResidentNumber(context.digits),
              documentCodes: context.basket.filter((item) => documentOf(item.code).identityRequired).map((item) => item.code),
            }),
            onError: { target: '#session.identityFailed', actions: 'identityFailed' },
          },
          on: {
            'IDENTITY.GUIDANCE': { actions: 'guidance' },
            'IDENTITY.VERDICT': [
              { guard: 'verified', target: '#session.loadingRecords', actions: 'acceptVerdict' },
              { guard: 'attemptsRemain', target: 'retry', actions: 'countAttempt' },
              { target: '#session.identityFailed', actions: ['countAttempt', 'identityFailed'] },
            ],
            'IDENTITY.FAULT': [
              { guard: 'attemptsRemain', target: 'retry', actions: 'countAttempt' },
              { target: '#session.identityFailed', actions: 'identityFailed' },
            ],
          },
        },
        retry: {
          tags: 'timed',
          entry: { type: 'armIdle', params: { screen: 'fingerprint-retry' } },
          exit: 'disarmIdle',
          on: {
            RETRY_FINGERPRINT: { target: 'capturing' },
            BACK: { target: '#session.residentNumber', actions: 'clearDigits' },
            'IDLE.EXPIRED': { target: '#session.ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
          },
        },
      },
    },

    identityFailed: {
      tags: 'timed',
      entry: [{ type: 'armIdle', params: { screen: 'identity-failed' } }, 'wipePersonal'],
      exit: 'disarmIdle',
      on: {
        ACKNOWLEDGE: 'ending',
        HOME: 'ending',
        CANCEL: 'ending',
        'IDLE.EXPIRED': 'ending',
      },
    },

    loadingRecords: {
      entry: 'startRecords',
      invoke: {
        src: 'prepareDocuments',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? 'no-session',
          token: context.identity.token,
          lines: context.basket.map((item, index) => ({ index, code: item.code, options: item.options, copies: item.copies })),
        }),
        onError: { target: 'summary', actions: 'quote' },
      },
      on: {
        'RECORDS.PREPARED': { actions: 'linePrepared' },
        'RECORDS.DONE': [
          { guard: 'cancelRequested', target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
          { target: 'summary', actions: ['quote', 'wipePersonal'] },
        ],
        // Numbers are being reserved at the central office: the cancel is honoured once the answers are in, so that
        // every reservation is journaled and released.
        HOME: { actions: 'requestCancel' },
        CANCEL: { actions: 'requestCancel' },
      },
    },

    summary: {
      initial: 'checking',
      on: {
        HOME: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
        CANCEL: { target: 'ending', actions: { type: 'setOutcome', params: { outcome: 'cancelled' } } },
      },
      states: {
        checking: {
          invoke: {
            src: 'checkBeforePayment',
            input: ({ context }) => ({ codes: context.basket.filter(issuable).map((item) => item.code), due: totalDue(context.basket) }),
            onDone: { target: 'ready', actions: { type: 'judgeFacts', params: ({ event }) => event.output } },
            onError: { target: 'ready', actions: 'factsUnavailable' },
          },
        },
        ready: {
          tags: 'timed',
          entry: { type: 'armIdle', params: { screen: 'summary' } },
          exit: 'disarmIdle',
          on: {
            PAY: { guard: 'canPay', target: 'checkingForPay' },
            SET_COPIES: { guard: 'inBasket', target: 'checking', actions: 'setCopies' },
            REMOVE_DOCUMENT: [
              { guard: 'lastInBasket', target: '#session.ending', actions: ['removeDocument', { type: 'setOutcome', params: { outcome: 'cancelled' } }] },
              { guard: 'inBasket', target: 'checking', actions: ['removeDocument', 'requoteAfterRemoval'] },
            ],
            'IDLE.EXPIRED': { target: '#session.ending', actions: { type: 'setOutcome', params: { outcome: 'abandoned' } } },
          },
        },
        /** The same guards again at the moment of paying: paper or change may have run out meanwhile. */
        checkingForPay: {
          invoke: {
            src: 'checkBeforePayment',
            input: ({ context }) => ({ codes: context.basket.filter(issuable).map((item) => item.code), due: totalDue(context.basket) }),
            onDone: [
              {
                guard: ({ context, event }) =>
                  prePaymentProblems(event.output, { lines: sheetsOf(context), due: totalDue(context.basket) }).length === 0 &&
                  totalDue(context.basket) === 0,
                target: '#session.printing',
                actions: { type: 'judgeFacts', params: ({ event }) => event.output },
              },
              {
                guard: ({ context, event }) =>
                  prePaymentProblems(event.output, { lines: sheetsOf(context), due: totalDue(context.basket) }).length === 0,
                target: '#session.payment',
                actions: { type: 'judgeFacts', params: ({ event }) => event.output },
              },
              { target: 'ready', actions: { type: 'judgeFacts', params: ({ event }) => event.output } },
            ],
            onError: { target: 'ready', actions: 'factsUnavailable' },
          },
        },
      },
    },

    /**
     * The money service collects: it enables the notes, decides at escrow (stack, or give the note back) and keeps
     * the ledger. The machine follows its events for the screen and decides only when to stop.
     */
    payment: {
      entry: 'startPayment',
      invoke: {
        id: 'collector',
        src: 'collectCash',
        input: ({ context }) => ({ sessionId: context.sessionId ?? 'no-session', due: context.money.due }),
        onError: { target: '.route', actions: 'cashFault' },
      },
      on: {
        'CASH.ACCEPTING': { actions: 'accepting' },
        // A note credited whatever the screen shows (e.g. found in the stacker) is money received all the same.
        'CASH.STACKED': { actions: 'noteStacked' },
      },
      initial: 'opening',
      states: {
        /** The money service is enabling the acceptor. */
        opening: {
          on: {
            'CASH.OPENED': { target: 'insert', actions: 'collectionOpened' },
            'CASH.UNAVAILABLE': { target: '#session.summary.ready', actions: 'collectionUnavailable' },
            CANCEL: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            HOME: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
          },
        },
        insert: {
          tags: 'timed',
          entry: { type: 'armIdle', params: { screen: 'payment' } },
          exit: 'disarmIdle',
          on: {
            'CASH.READING': { target: 'checking', actions: 'noteReading' },
            'CASH.ESCROWED': { target: 'checking', actions: 'noteInEscrow' },
            'CASH.STACKING': { target: 'stacking', actions: 'noteStacking' },
            'CASH.RETURNING': { target: 'returning', actions: 'noteReturning' },
            'CASH.RETURNED': { actions: 'noteReturned' },
            'CASH.REJECTED': { actions: ['noteRejected', 'noteActivity'] },
            'CASH.PAID': { target: 'closing', actions: 'paidInFull' },
            'CASH.CANNOT_COMPLETE': { target: 'closing', actions: 'cannotComplete' },
            'CASH.FAULT': { target: 'closing', actions: 'cashFault' },
            CANCEL: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            HOME: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            BACK: { guard: 'nothingInserted', target: 'closing', actions: { type: 'endPayment', params: { why: 'back' } } },
            'IDLE.EXPIRED': { target: 'closing', actions: { type: 'endPayment', params: { why: 'abandon' } } },
          },
        },
        /**
         * A note is being read or decided: no time-out. A cancel stops the collection at once; the money service
         * gives a note in escrow back, or keeps one already on its way to the box and refunds it.
         */
        checking: {
          on: {
            'CASH.ESCROWED': { actions: 'noteInEscrow' },
            'CASH.STACKING': { target: 'stacking', actions: 'noteStacking' },
            'CASH.RETURNING': { target: 'returning', actions: 'noteReturning' },
            'CASH.STACKED': { target: 'insert', actions: 'noteStacked' },
            'CASH.RETURNED': { target: 'insert', actions: 'noteReturned' },
            'CASH.REJECTED': { target: 'insert', actions: 'noteRejected' },
            'CASH.PAID': { target: 'closing', actions: 'paidInFull' },
            'CASH.CANNOT_COMPLETE': { target: 'closing', actions: 'cannotComplete' },
            'CASH.FAULT': { target: 'closing', actions: 'cashFault' },
            CANCEL: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            HOME: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
          },
        },
        /** A note is on its way into the cash box. */
        stacking: {
          on: {
            'CASH.STACKED': { target: 'insert', actions: 'noteStacked' },
            'CASH.RETURNED': { target: 'insert', actions: 'noteReturned' },
            'CASH.PAID': { target: 'closing', actions: 'paidInFull' },
            'CASH.CANNOT_COMPLETE': { target: 'closing', actions: 'cannotComplete' },
            'CASH.FAULT': { target: 'closing', actions: 'cashFault' },
            CANCEL: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            HOME: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
          },
        },
        /** The money service gives the note back (it would overpay beyond the change on hand). */
        returning: {
          on: {
            'CASH.RETURNED': { target: 'insert', actions: 'noteReturned' },
            'CASH.STACKED': { target: 'insert', actions: 'noteStacked' },
            'CASH.FAULT': { target: 'closing', actions: 'cashFault' },
            CANCEL: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
            HOME: { target: 'closing', actions: { type: 'endPayment', params: { why: 'cancel' } } },
          },
        },
        /** The acceptor is inhibited; a note still moving settles first. Then on to printing or to the refund. */
        closing: {
          entry: 'stopCollector',
          on: {
            'CASH.CLOSED': 'route',
            'CASH.UNAVAILABLE': 'route',
            // The payment already ended (cancel, time-out, fault): a fault now only adds a note counted while stuck.
            'CASH.FAULT': { actions: assign(({ context, event }) => ({ money: { ...context.money, inserted: event.received } })) },
          },
          after: { collectionClose: 'route' },
        },
        route: {
          always: [
            { guard: 'paymentCompleted', target: '#session.printing' },
            { guard: 'backToSummary', target: '#session.summary', actions: assign(({ context }) => ({ money: { ...context.money, requested: false } })) },
            { target: '#session.settling' },
          ],
        },
      },
    },

    printing: {
      entry: 'startPrinting',
      initial: 'next',
      states: {
        next: {
          always: [{ guard: 'allPrinted', target: '#session.settling' }, { target: 'copy' }],
        },
        copy: {
          invoke: {
            src: 'printCopy',
            input: ({ context }) => {
              const item = context.basket[context.printing.line]!;
              return {
                sessionId: context.sessionId ?? 'no-session',
                code: item.code,
                document: item.prepared!,
                copy: context.printing.copy,
                copies: item.copies,
                fromPage: context.printing.fromPage,
                perCopy: item.quote?.perCopy ?? 0,
                waivedBy: item.quote?.waivedBy ?? null,
              };
            },
            onError: [
              { guard: 'recoveriesLeft', target: 'waitingForPrinter', actions: assign(({ context }) => ({ printing: { ...context.printing, phase: 'waiting-for-printer' as const, faultKey: 'printer.error' } })) },
              { target: 'giveUp' },
            ],
          },
          on: {
            'PRINT.PAGE': { actions: 'pagePrinted' },
            'PRINT.DONE': [
              { guard: 'copyPrintedOk', target: 'next', actions: 'copyPrinted' },
              { guard: 'documentUnavailable', target: 'reprepare' },
              { guard: 'recoveriesLeft', target: 'waitingForPrinter', actions: 'copyFaulted' },
              { target: 'giveUp', actions: 'copyFaulted' },
            ],
          },
        },
        /** The pages already out are the citizen's; the rest comes once the printer is back, within a limit. */
        waitingForPrinter: {
          invoke: { src: 'waitForPrinter' },
          on: { 'PRINTER.READY': { target: 'next', actions: 'printerRecovered' } },
          after: { printerRecovery: 'giveUp' },
        },
        reprepare: {
          invoke: {
            src: 'reprepareDocument',
            input: ({ context }) => {
              const item = context.basket[context.printing.line]!;
              return { sessionId: context.sessionId ?? 'no-session', code: item.code, options: item.options, copies: item.copies, document: item.prepared! };
            },
            onDone: [
              {
                guard: ({ event }) => event.output !== null,
                target: 'next',
                actions: { type: 'documentReprepared', params: ({ event }) => event.output! },
              },
              { target: 'next', actions: 'documentLost' },
            ],
            onError: { target: 'next', actions: 'documentLost' },
          },
        },
        giveUp: {
          entry: 'giveUpPrinting',
          always: '#session.settling',
        },
      },
    },

    /**
     * Change and refunds: the money service keeps the fee of what was printed and gives back the rest, coins first
     * and a voucher for what the hoppers cannot pay (or everything, after a cancel, a time-out or a fault).
     */
    settling: {
      entry: 'settle',
      initial: 'decide',
      states: {
        decide: { always: [{ guard: 'moneyRequested', target: 'paying' }, { target: '#session.receipt' }] },
        paying: {
          invoke: {
            src: 'settleMoney',
            input: ({ context }) => ({
              sessionId: context.sessionId ?? 'no-session',
              feeKept: context.money.feesKept,
              how: context.paymentEnd === null && context.money.paidInFull ? ('settle' as const) : ('cancel' as const),
            }),
            onError: '#session.receipt',
          },
          on: {
            'PAYOUT.PROGRESS': { actions: 'payoutProgress' },
            'PAYOUT.DONE': { target: '#session.receipt', actions: { type: 'moneySettled', params: ({ event }) => event.result } },
          },
        },
      },
    },

    receipt: {
      initial: 'decide',
      states: {
        decide: { always: [{ guard: 'moneyTaken', target: 'printing' }, { target: '#session.closing' }] },
        printing: {
          entry: 'receiptStarted',
          exit: 'receiptDone',
          invoke: {
            src: 'printReceipt',
            input: ({ context }) => ({
              sessionId: context.sessionId ?? 'no-session',
              lines: context.basket.flatMap((item, index) => {
                const line = context.printing.lines[index];
                const copies = line ? line.copies.filter((copy) => copy.complete).length : 0;
                return issuable(item) && copies > 0
                  ? [{ code: item.code, copies, fee: copies * item.quote.perCopy, issuanceNumber: item.prepared.issuanceNumber }]
                  : [];
              }),
              paid: context.money.inserted,
              feesKept: context.money.feesKept,
              change: context.money.changePaid,
              refunded: context.money.refundPaid,
              voucher: context.money.voucherCode ? { code: context.money.voucherCode, amount: context.money.refundOwed } : null,
            }),
            onDone: '#session.closing',
            onError: '#session.closing',
          },
        },
      },
    },

    /** Every started session ends here: one outcome, the journal closed, personal data wiped. */
    ending: {
      always: [{ guard: 'sessionStarted', target: 'closing' }, { target: 'attract' }],
    },

    closing: {
      entry: ['decideFinal', 'wipePersonal'],
      invoke: {
        src: 'closeSession',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? 'no-session',
          outcome: context.outcome ?? 'abandoned',
          refs: context.refs,
          money: {
            inserted: context.money.inserted,
            feesKept: context.money.feesKept,
            changePaid: context.money.changePaid,
            refundPaid: context.money.refundPaid,
            refundOwed: context.money.refundOwed,
          },
        }),
        onDone: 'afterClose',
        onError: 'afterClose',
      },
    },

    afterClose: {
      always: [
        { guard: 'showsThankYou', target: 'thankYou' },
        { guard: 'showsNotice', target: 'notice' },
        { target: 'attract' },
      ],
    },

    thankYou: {
      after: { thankYou: 'attract' },
      on: { ACKNOWLEDGE: 'attract', HOME: 'attract', TOUCH: 'attract' },
    },

    notice: {
      after: { notice: 'attract' },
      on: { ACKNOWLEDGE: 'attract', HOME: 'attract' },
    },

    /** After a crash or power loss: settle the unfinished session (kiosk/session/recovery.ts), then start afresh. */
    recovering: {
      invoke: {
        src: 'recoverSession',
        input: ({ context }) => context.recovery!,
        onDone: [
          {
            guard: ({ event }) => event.output.refund !== null,
            target: 'notice',
            actions: [{ type: 'recovered', params: ({ event }) => event.output }, 'clearRecovery'],
          },
          { target: 'attract', actions: 'clearRecovery' },
        ],
        onError: { target: 'notice', actions: ['recoveryFailed', 'clearRecovery'] },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
export type SessionSnapshot = SnapshotFrom<SessionMachine>;

/** `payment.insert`: the active leaf states as a dotted path (the view projection and logs use it). */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? ['', ''];
  if (child === undefined) return key;
  const rest = stateKey(child as StateValue);
  return rest ? `${key}.${rest}` : key;
}

/** Kept for the walking skeleton's callers: the top-level state name. */
export type SessionStateValue = string;
