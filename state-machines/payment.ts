import { assign, fromCallback, fromPromise, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { Clock } from '../common/clock';
import type { Won } from '../common/money';
import type { CashFaultKind, CollectError, CollectionEvent, NoteReturnReason, SessionMoneyOutcome } from '../kiosk/cash/types';

/**
 * Paying an amount in cash, as the citizen lives it (pure logic: the money service is injected as actors).
 *
 *   collecting.starting → waiting ⇄ handlingNote → paid ─SETTLE→ settling → done (change, or voucher)
 *             │            ⇅ warning (answer or time out)   └CANCEL→ refunding → done
 *             └ unavailable → done            any fault / cancel / time-out → refunding → done
 *
 * Rules it keeps: the warning comes before any time-out and gives at least 20 s to answer, extendable at least 10
 * times (domain.md, ui.md); nothing times out while a note is being read, decided or moved; a fault of the
 * acceptor ends collecting and refunds what was taken; after `paid` the session decides (SETTLE with the fee its
 * documents earned, or CANCEL when nothing could be issued).
 */

export type PaymentTiming = {
  /** With no note activity, ask "are you still there?" after … */
  readonly idleWarningMs: number;
  /** … and wait this long for an answer (≥ 20 s). */
  readonly answerMs: number;
  /** How many times the citizen may ask for more time (≥ 10). */
  readonly maxExtensions: number;
};

export const DEFAULT_PAYMENT_TIMING: PaymentTiming = { idleWarningMs: 60_000, answerMs: 30_000, maxExtensions: 10 };

export type PaymentInput = {
  readonly sessionId: string;
  readonly amountDue: Won;
  readonly timing?: Partial<PaymentTiming>;
};

/** What the screen says (and the voice reads): keys into the UI's message catalogue. */
export type PaymentMessageKey =
  | 'payment.starting'
  | 'payment.insert-notes'
  | 'payment.checking-note'
  | 'payment.note-accepted'
  | 'payment.note-returned.change-unavailable'
  | 'payment.note-returned.already-paid'
  | 'payment.note-returned.collection-stopped'
  | 'payment.note-returned.not-accepted'
  | 'payment.note-rejected'
  | 'payment.still-there'
  | 'payment.paid'
  | 'payment.change-unavailable'
  | 'payment.acceptor-unavailable'
  | 'payment.refunding'
  | 'payment.refund.coins'
  | 'payment.refund.voucher'
  | 'payment.cancelled'
  | 'payment.timed-out'
  | `payment.fault.${CashFaultKind}`
  | 'payment.paying-change'
  | 'payment.change.take-coins'
  | 'payment.change.voucher'
  | 'payment.done'
  | 'payment.money-in-doubt';

export type PaymentEndReason = 'cancelled' | 'timed-out' | 'fault' | 'change-unavailable' | 'acceptor-unavailable';

export type PaymentOutput = {
  /**
   * `completed`: paid and settled after issuance; `refunded`: everything taken was given back (coins or voucher);
   * `nothing-due`: free documents; `unavailable`: collecting could not start, nothing was taken;
   * `failed`: the money service failed (call staff; the journal settles it).
   */
  readonly result: 'completed' | 'refunded' | 'nothing-due' | 'unavailable' | 'failed';
  readonly reason: PaymentEndReason | undefined;
  readonly fault: CashFaultKind | undefined;
  readonly messageKey: PaymentMessageKey;
  readonly money: SessionMoneyOutcome | undefined;
};

/** Every collection event, as the machine receives it from the `collectCash` actor. */
export type CashMachineEvent = {
  [K in CollectionEvent['type']]: Omit<Extract<CollectionEvent, { type: K }>, 'type'> & { readonly type: `cash.${K}` };
}[CollectionEvent['type']];

export type PaymentEvent =
  /** The citizen answered "more time" to the warning. */
  | { readonly type: 'payment.extend' }
  /** The citizen (or the session) gives up: return a note in escrow, refund what was taken. */
  | { readonly type: 'payment.cancel' }
  /** After issuance: keep this fee (documents actually issued), give back the rest. */
  | { readonly type: 'payment.settle'; readonly feeKept: Won }
  | { readonly type: 'cash.started'; readonly enabledNotes: readonly Won[]; readonly received: Won }
  | { readonly type: 'cash.unavailable'; readonly error: CollectError }
  | CashMachineEvent;

export type PaymentContext = {
  readonly sessionId: string;
  readonly amountDue: Won;
  readonly timing: PaymentTiming;
  readonly received: Won;
  readonly notes: readonly Won[];
  readonly enabledNotes: readonly Won[];
  readonly messageKey: PaymentMessageKey;
  readonly extensionsUsed: number;
  readonly reason: PaymentEndReason | undefined;
  readonly fault: CashFaultKind | undefined;
  readonly feeKept: Won;
  readonly output: PaymentOutput | undefined;
};

/** The input of the injected actors. */
export type CollectCashInput = { readonly sessionId: string; readonly amountDue: Won };
export type RefundInput = { readonly sessionId: string };
export type SettleInput = { readonly sessionId: string; readonly feeKept: Won };

const returnMessage = (reason: NoteReturnReason): PaymentMessageKey => `payment.note-returned.${reason}`;

function endMessage(outcome: SessionMoneyOutcome, settled: boolean, fallback: PaymentMessageKey): PaymentMessageKey {
  if (outcome.inDoubt > 0) return 'payment.money-in-doubt';
  if (outcome.voucher) return settled ? 'payment.change.voucher' : 'payment.refund.voucher';
  if (outcome.changePaid + outcome.refundPaid > 0) return settled ? 'payment.change.take-coins' : 'payment.refund.coins';
  return fallback;
}

export const paymentMachine = setup({
  types: {
    context: {} as PaymentContext,
    events: {} as PaymentEvent,
    input: {} as PaymentInput,
    output: {} as PaymentOutput,
  },
  actors: {
    /** Opens the collection and forwards its events as `cash.*`; provided by kiosk/cash (`paymentActorsFor`). */
    collectCash: fromCallback<PaymentEvent, CollectCashInput>(() => {
      throw new Error('paymentMachine: provide the collectCash actor (kiosk/cash paymentActorsFor)');
    }),
    refund: fromPromise<SessionMoneyOutcome, RefundInput>(async () => {
      throw new Error('paymentMachine: provide the refund actor (kiosk/cash paymentActorsFor)');
    }),
    settle: fromPromise<SessionMoneyOutcome, SettleInput>(async () => {
      throw new Error('paymentMachine: provide the settle actor (kiosk/cash paymentActorsFor)');
    }),
  },
  delays: {
    idleWarning: ({ context }) => context.timing.idleWarningMs,
    answer: ({ context }) => context.timing.answerMs,
  },
  guards: {
    nothingDue: ({ context }) => context.amountDue <= 0,
    canExtend: ({ context }) => context.extensionsUsed < context.timing.maxExtensions,
  },
  actions: {
    noteStacked: assign(({ context, event }) => {
      if (event.type !== 'cash.note-stacked') return {};
      return { received: event.received, notes: [...context.notes, event.value], messageKey: 'payment.note-accepted' as const };
    }),
    noteReturned: assign(({ event }) => (event.type === 'cash.note-returned' ? { messageKey: returnMessage(event.reason) } : {})),
    noteReturning: assign(({ event }) => (event.type === 'cash.note-returning' ? { messageKey: returnMessage(event.reason) } : {})),
    accepting: assign(({ event }) => (event.type === 'cash.accepting' ? { enabledNotes: event.notes } : {})),
    fault: assign(({ event }) =>
      event.type === 'cash.fault'
        ? { fault: event.fault, reason: 'fault' as const, received: event.received, messageKey: `payment.fault.${event.fault}` as const }
        : {},
    ),
  },
}).createMachine({
  id: 'payment',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    amountDue: input.amountDue,
    timing: { ...DEFAULT_PAYMENT_TIMING, ...input.timing },
    received: 0,
    notes: [],
    enabledNotes: [],
    messageKey: 'payment.starting',
    extensionsUsed: 0,
    reason: undefined,
    fault: undefined,
    feeKept: 0,
    output: undefined,
  }),
  initial: 'deciding',
  output: ({ context }) =>
    context.output ?? { result: 'failed', reason: context.reason, fault: context.fault, messageKey: 'payment.money-in-doubt', money: undefined },
  states: {
    deciding: {
      always: [
        {
          guard: 'nothingDue',
          target: 'done',
          actions: assign({ output: { result: 'nothing-due', reason: undefined, fault: undefined, messageKey: 'payment.done', money: undefined } }),
        },
        { target: 'collecting' },
      ],
    },
    collecting: {
      invoke: {
        id: 'collectCash',
        src: 'collectCash',
        input: ({ context }) => ({ sessionId: context.sessionId, amountDue: context.amountDue }),
      },
      on: {
        'payment.cancel': { target: 'refunding', actions: assign({ reason: 'cancelled', messageKey: 'payment.refunding' }) },
        'cash.fault': { target: 'refunding', actions: 'fault' },
        'cash.accepting': { actions: 'accepting' },
        'cash.paid': { target: 'paid', actions: assign(({ event }) => ({ received: event.received })) },
        'cash.cannot-complete': {
          target: 'refunding',
          actions: assign({ reason: 'change-unavailable', messageKey: 'payment.change-unavailable' }),
        },
        'cash.note-stacked': { actions: 'noteStacked' },
      },
      initial: 'starting',
      states: {
        starting: {
          on: {
            'cash.started': {
              target: 'waiting',
              actions: assign(({ event }) => ({ enabledNotes: event.enabledNotes, received: event.received })),
            },
            'cash.unavailable': {
              target: '#payment.done',
              actions: assign(({ context, event }) => {
                const reason: PaymentEndReason = event.error.kind === 'change-unavailable' ? 'change-unavailable' : 'acceptor-unavailable';
                const messageKey: PaymentMessageKey = reason === 'change-unavailable' ? 'payment.change-unavailable' : 'payment.acceptor-unavailable';
                return {
                  reason,
                  messageKey,
                  output: { result: 'unavailable' as const, reason, fault: context.fault, messageKey, money: undefined },
                };
              }),
            },
          },
        },
        waiting: {
          entry: assign(({ context }) => (context.messageKey === 'payment.starting' || context.messageKey === 'payment.still-there' ? { messageKey: 'payment.insert-notes' as const } : {})),
          after: { idleWarning: 'warning' },
          on: {
            'cash.note-reading': 'handlingNote',
            'cash.note-escrowed': 'handlingNote',
            'cash.note-rejected': { target: 'waiting', reenter: true, actions: assign({ messageKey: 'payment.note-rejected' }) },
            'cash.note-returned': { target: 'waiting', reenter: true, actions: 'noteReturned' },
            'cash.note-stacked': { target: 'waiting', reenter: true, actions: 'noteStacked' },
          },
        },
        warning: {
          entry: assign({ messageKey: 'payment.still-there' }),
          after: { answer: { target: '#payment.refunding', actions: assign({ reason: 'timed-out', messageKey: 'payment.timed-out' }) } },
          on: {
            'payment.extend': {
              guard: 'canExtend',
              target: 'waiting',
              actions: assign(({ context }) => ({ extensionsUsed: context.extensionsUsed + 1, messageKey: 'payment.insert-notes' as const })),
            },
            // A note in the slot is an answer too.
            'cash.note-reading': 'handlingNote',
            'cash.note-escrowed': 'handlingNote',
          },
        },
        /** A note is being read, decided, stacked or returned: no time-out here, ever. */
        handlingNote: {
          entry: assign({ messageKey: 'payment.checking-note' }),
          on: {
            'cash.note-stacked': { target: 'waiting', actions: 'noteStacked' },
            'cash.note-returning': { actions: 'noteReturning' },
            'cash.note-returned': { target: 'waiting', actions: 'noteReturned' },
            'cash.note-rejected': { target: 'waiting', actions: assign({ messageKey: 'payment.note-rejected' }) },
          },
        },
      },
    },
    paid: {
      entry: assign({ messageKey: 'payment.paid' }),
      on: {
        'payment.settle': { target: 'settling', actions: assign(({ event }) => ({ feeKept: event.feeKept })) },
        'payment.cancel': { target: 'refunding', actions: assign({ reason: 'cancelled', messageKey: 'payment.refunding' }) },
      },
    },
    refunding: {
      invoke: {
        src: 'refund',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: {
          target: 'done',
          actions: assign(({ context, event }) => {
            const fallback: PaymentMessageKey =
              context.reason === 'timed-out'
                ? 'payment.timed-out'
                : context.reason === 'fault' && context.fault
                  ? `payment.fault.${context.fault}`
                  : context.reason === 'change-unavailable'
                    ? 'payment.change-unavailable'
                    : 'payment.cancelled';
            const messageKey = endMessage(event.output, false, fallback);
            return {
              received: event.output.received,
              messageKey,
              output: { result: 'refunded' as const, reason: context.reason, fault: context.fault, messageKey, money: event.output },
            };
          }),
        },
        onError: {
          target: 'done',
          actions: assign(({ context }) => ({
            messageKey: 'payment.money-in-doubt' as const,
            output: { result: 'failed' as const, reason: context.reason, fault: context.fault, messageKey: 'payment.money-in-doubt' as const, money: undefined },
          })),
        },
      },
    },
    settling: {
      entry: assign({ messageKey: 'payment.paying-change' }),
      invoke: {
        src: 'settle',
        input: ({ context }) => ({ sessionId: context.sessionId, feeKept: context.feeKept }),
        onDone: {
          target: 'done',
          actions: assign(({ event }) => {
            const messageKey = endMessage(event.output, true, 'payment.done');
            return { messageKey, output: { result: 'completed' as const, reason: undefined, fault: undefined, messageKey, money: event.output } };
          }),
        },
        onError: {
          target: 'done',
          actions: assign(({ context }) => ({
            messageKey: 'payment.money-in-doubt' as const,
            output: { result: 'failed' as const, reason: context.reason, fault: context.fault, messageKey: 'payment.money-in-doubt' as const, money: undefined },
          })),
        },
      },
    },
    done: { type: 'final' },
  },
});

export type PaymentMachine = typeof paymentMachine;
export type PaymentActorRef = ActorRefFrom<PaymentMachine>;
export type PaymentSnapshot = SnapshotFrom<PaymentMachine>;

/** What the payment screen shows, derived from a snapshot (the session puts it in its view model). */
export type PaymentView = {
  readonly stage: 'starting' | 'collecting' | 'warning' | 'handling-note' | 'paid' | 'refunding' | 'settling' | 'done';
  readonly messageKey: PaymentMessageKey;
  readonly amountDue: Won;
  readonly received: Won;
  readonly remaining: Won;
  readonly enabledNotes: readonly Won[];
  /** The citizen can ask for more time (the warning is up and extensions are left). */
  readonly canExtend: boolean;
  /** Cancel is offered (refunds whatever was taken). */
  readonly canCancel: boolean;
};

export function paymentView(snapshot: PaymentSnapshot): PaymentView {
  const { context } = snapshot;
  const stage: PaymentView['stage'] = snapshot.matches({ collecting: 'starting' })
    ? 'starting'
    : snapshot.matches({ collecting: 'warning' })
      ? 'warning'
      : snapshot.matches({ collecting: 'handlingNote' })
        ? 'handling-note'
        : snapshot.matches('collecting')
          ? 'collecting'
          : snapshot.matches('paid')
            ? 'paid'
            : snapshot.matches('refunding')
              ? 'refunding'
              : snapshot.matches('settling')
                ? 'settling'
                : 'done';
  return {
    stage,
    messageKey: context.messageKey,
    amountDue: context.amountDue,
    received: context.received,
    remaining: Math.max(0, context.amountDue - context.received),
    enabledNotes: context.enabledNotes,
    canExtend: stage === 'warning' && context.extensionsUsed < context.timing.maxExtensions,
    canCancel: stage === 'collecting' || stage === 'warning' || stage === 'handling-note' || stage === 'paid',
  };
}

/** xstate's scheduler on the kiosk's injected clock (a FakeClock in tests). */
export function actorClock(clock: Clock): { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void } {
  return {
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle as ReturnType<Clock['setTimeout']>),
  };
}
