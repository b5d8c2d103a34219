import { assign, fromCallback, fromPromise, setup, type ActorRefFrom, type EventObject } from 'xstate';
import type { A4Fault, A4PrinterStatus } from '../devices/a4-printer/status';

/**
 * Printing one certificate: every copy is its own printer job, followed page by page. On a fault the machine
 * either waits for a recovery nobody needs a technician for (a cover shut again, a printer back on the network)
 * within a limit, or stops at once (no paper, a jam, no toner: only a technician helps) and hands the session the
 * pages already printed, so that payment is settled fairly — the session decides refund or reprint.
 *
 * Pure logic: the printer is injected as two actors (`checkPrinter`, `printCopy`; see print-job-a4.ts for the
 * real ones), time is the actor system's clock (a FakeClock in tests). When the machine leaves a copy early, the
 * copy actor is stopped, and stopping it cancels the printer job: a certificate must not come out later, in front
 * of the next citizen.
 */

/** How long to wait for a fault to clear by itself, or `stop` at once. */
export type RecoveryRule = { readonly waitMs: number } | 'stop';
export type RecoveryPolicy = Readonly<Record<A4Fault, RecoveryRule>>;

export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  // Anyone standing at the kiosk can shut a cover; the screen asks them to.
  'cover-open': { waitMs: 60_000 },
  'door-open': { waitMs: 60_000 },
  // A network blip or a printer waking from sleep.
  offline: { waitMs: 30_000 },
  // Security paper, jams, toner and trays are a technician's work: no point keeping the citizen waiting.
  'media-empty': 'stop',
  'media-jam': 'stop',
  'toner-empty': 'stop',
  'marker-supply-empty': 'stop',
  'input-tray-missing': 'stop',
  paused: 'stop',
  other: 'stop',
};

/** While waiting for a fault to clear before a copy starts, the printer is asked again this often. */
export const RECHECK_INTERVAL_MS = 2_000;

/**
 * A copy that shows no new page for this long, with no fault to explain it, has stalled (a hung printer, a job the
 * printer lost): stop rather than keep the citizen waiting. Laser printers warm up in well under a minute.
 */
export const STALL_LIMIT_MS = 120_000;

export type PrintJobInput = {
  readonly copies: number;
  readonly pagesPerCopy: number;
  readonly policy?: RecoveryPolicy;
};

/** What a copy actor reports while its printer job runs. */
export type CopyEvent =
  | { readonly type: 'COPY.PROGRESS'; readonly pagesPrinted: number; readonly faults: readonly A4Fault[] }
  | { readonly type: 'COPY.COMPLETED'; readonly pagesPrinted: number }
  | { readonly type: 'COPY.FAILED'; readonly pagesPrinted: number; readonly reason: 'submit-failed' | 'aborted' | 'canceled'; readonly detail: string };

export type PrintJobOutcome = {
  readonly outcome: 'completed' | 'stopped';
  /** Why it stopped: the fault, or what the printer said. Null when completed. */
  readonly reason: A4Fault | 'submit-failed' | 'aborted' | 'canceled' | 'status-unavailable' | 'stalled' | null;
  readonly copiesExpected: number;
  readonly copiesCompleted: number;
  readonly pagesExpected: number;
  /** Pages that came out, all copies together: the fair basis for settling payment. */
  readonly pagesPrinted: number;
};

type Context = {
  readonly copies: number;
  readonly pagesPerCopy: number;
  readonly policy: RecoveryPolicy;
  /** 0-based index of the copy being printed. */
  readonly copy: number;
  readonly copiesCompleted: number;
  readonly pagesOfCompletedCopies: number;
  readonly pagesOfCurrentCopy: number;
  readonly faults: readonly A4Fault[];
  readonly rechecks: number;
  readonly reason: PrintJobOutcome['reason'];
};

type MachineEvent = CopyEvent;

/** The rule for a set of faults: `stop` if any fault says stop, else the longest wait. */
export function ruleFor(faults: readonly A4Fault[], policy: RecoveryPolicy): RecoveryRule {
  let longest = 0;
  for (const fault of faults) {
    const rule = policy[fault];
    if (rule === 'stop') return 'stop';
    longest = Math.max(longest, rule.waitMs);
  }
  return { waitMs: longest };
}

function waitMsOf(context: Context): number {
  const rule = ruleFor(context.faults, context.policy);
  return rule === 'stop' ? 0 : rule.waitMs;
}

function firstStopping(faults: readonly A4Fault[], policy: RecoveryPolicy): A4Fault | null {
  return faults.find((fault) => policy[fault] === 'stop') ?? faults[0] ?? null;
}

export const printJobMachine = setup({
  types: {
    context: {} as Context,
    events: {} as MachineEvent,
    input: {} as PrintJobInput,
    output: {} as PrintJobOutcome,
  },
  actors: {
    /** The printer's status before a copy starts (injected). */
    checkPrinter: fromPromise<A4PrinterStatus, void>(async () => {
      throw new Error('checkPrinter was not provided');
    }),
    /** Submits one copy and reports CopyEvents; stopping it must cancel the job if it has not ended (injected). */
    printCopy: fromCallback<EventObject, { copy: number }>(() => {
      throw new Error('printCopy was not provided');
    }),
  },
  delays: {
    recoveryLimit: ({ context }) => waitMsOf(context),
    recheck: RECHECK_INTERVAL_MS,
    stallLimit: STALL_LIMIT_MS,
  },
  guards: {
    stoppingFault: ({ context }) => ruleFor(context.faults, context.policy) === 'stop',
    recheckLimitReached: ({ context }) => (context.rechecks + 1) * RECHECK_INTERVAL_MS >= waitMsOf(context),
    moreCopies: ({ context }) => context.copy + 1 < context.copies,
  },
}).createMachine({
  id: 'printJob',
  context: ({ input }) => {
    if (!Number.isInteger(input.copies) || input.copies < 1) throw new Error(`copies must be ≥ 1: ${input.copies}`);
    if (!Number.isInteger(input.pagesPerCopy) || input.pagesPerCopy < 1) throw new Error(`pagesPerCopy must be ≥ 1: ${input.pagesPerCopy}`);
    return {
      copies: input.copies,
      pagesPerCopy: input.pagesPerCopy,
      policy: input.policy ?? DEFAULT_RECOVERY_POLICY,
      copy: 0,
      copiesCompleted: 0,
      pagesOfCompletedCopies: 0,
      pagesOfCurrentCopy: 0,
      faults: [],
      rechecks: 0,
      reason: null,
    };
  },
  initial: 'checking',
  states: {
    /** Before each copy: is the printer able to print at all? */
    checking: {
      invoke: {
        src: 'checkPrinter',
        onDone: [
          {
            guard: ({ event }) => event.output.faults.length === 0,
            target: 'printing',
            actions: assign({ faults: [], rechecks: 0 }),
          },
          { target: 'faultBeforeCopy', actions: assign({ faults: ({ event }) => event.output.faults }) },
        ],
        onError: { target: 'stopped', actions: assign({ reason: 'status-unavailable' }) },
      },
    },
    faultBeforeCopy: {
      always: [
        { guard: 'stoppingFault', target: 'stopped', actions: assign({ reason: ({ context }) => firstStopping(context.faults, context.policy) }) },
        { guard: 'recheckLimitReached', target: 'stopped', actions: assign({ reason: ({ context }) => context.faults[0] ?? 'other' }) },
      ],
      after: { recheck: { target: 'checking', actions: assign({ rechecks: ({ context }) => context.rechecks + 1 }) } },
    },
    /** One copy's job is at the printer. Leaving this state stops the copy actor (which cancels an unfinished job). */
    printing: {
      invoke: { id: 'copy', src: 'printCopy', input: ({ context }) => ({ copy: context.copy }) },
      initial: 'running',
      states: {
        running: {
          after: { stallLimit: { target: '#printJob.stopped', actions: assign({ reason: 'stalled' }) } },
          on: {
            'COPY.PROGRESS': [
              {
                guard: ({ event }) => event.faults.length > 0,
                target: 'waiting',
                actions: assign({ pagesOfCurrentCopy: ({ event }) => event.pagesPrinted, faults: ({ event }) => event.faults }),
              },
              {
                // A new page restarts the stall watch.
                guard: ({ event, context }) => event.pagesPrinted > context.pagesOfCurrentCopy,
                target: 'running',
                reenter: true,
                actions: assign({ pagesOfCurrentCopy: ({ event }) => event.pagesPrinted }),
              },
            ],
          },
        },
        waiting: {
          always: {
            guard: 'stoppingFault',
            target: '#printJob.stopped',
            actions: assign({ reason: ({ context }) => firstStopping(context.faults, context.policy) }),
          },
          after: {
            recoveryLimit: { target: '#printJob.stopped', actions: assign({ reason: ({ context }) => context.faults[0] ?? 'other' }) },
          },
          on: {
            'COPY.PROGRESS': [
              {
                guard: ({ event }) => event.faults.length === 0,
                target: 'running',
                actions: assign({ pagesOfCurrentCopy: ({ event }) => event.pagesPrinted, faults: [] }),
              },
              {
                // Another fault joined (or replaced) the first: `always` re-decides with the new set; the limit runs on.
                actions: assign({ pagesOfCurrentCopy: ({ event }) => event.pagesPrinted, faults: ({ event }) => event.faults }),
              },
            ],
          },
        },
      },
      on: {
        'COPY.COMPLETED': [
          {
            guard: 'moreCopies',
            target: 'checking',
            actions: assign({
              copy: ({ context }) => context.copy + 1,
              copiesCompleted: ({ context }) => context.copiesCompleted + 1,
              pagesOfCompletedCopies: ({ context }) => context.pagesOfCompletedCopies + context.pagesPerCopy,
              pagesOfCurrentCopy: 0,
              faults: [],
            }),
          },
          {
            target: 'completed',
            actions: assign({
              copiesCompleted: ({ context }) => context.copiesCompleted + 1,
              pagesOfCompletedCopies: ({ context }) => context.pagesOfCompletedCopies + context.pagesPerCopy,
              pagesOfCurrentCopy: 0,
              faults: [],
            }),
          },
        ],
        'COPY.FAILED': {
          target: 'stopped',
          actions: assign({
            pagesOfCurrentCopy: ({ event, context }) => Math.max(event.pagesPrinted, context.pagesOfCurrentCopy),
            reason: ({ event, context }) => (event.reason === 'aborted' || event.reason === 'canceled' ? (context.faults[0] ?? event.reason) : event.reason),
          }),
        },
      },
    },
    completed: { type: 'final' },
    stopped: { type: 'final' },
  },
  output: ({ context }) => ({
    outcome: context.copiesCompleted === context.copies ? 'completed' : 'stopped',
    reason: context.copiesCompleted === context.copies ? null : context.reason,
    copiesExpected: context.copies,
    copiesCompleted: context.copiesCompleted,
    pagesExpected: context.copies * context.pagesPerCopy,
    pagesPrinted: context.pagesOfCompletedCopies + context.pagesOfCurrentCopy,
  }),
});

export type PrintJobActor = ActorRefFrom<typeof printJobMachine>;
