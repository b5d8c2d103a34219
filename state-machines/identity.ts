import { assign, fromCallback, setup, type SnapshotFrom } from 'xstate';
import { findDocument } from '../catalog';
import type { FingerGuidance } from '../devices/fingerprint/driver';
import type { NavigationCommand } from '../devices/keypad/keys';
import { ResidentNumberEntry, type EntryKey } from '../kiosk/identity/entry';
import type { IdentityMessageKey } from '../kiosk/identity/messages';
import type { PrivateText } from '../kiosk/identity/private-text';
import type { ResidentNumber, ResidentNumberRejectionKind, ResidentNumberWarningKind } from '../kiosk/identity/resident-number';
import type { IdentifyOutcome, IdentifyProgress } from '../kiosk/identity/service';

/**
 * The identity step of a session (domain.md, flow steps 3–4): resident number on the keypad → finger on the reader →
 * the central office's verdict. At most 3 failed verdicts, then "use the counter". Documents that need no identity
 * (public records: land, building, registry) skip the step.
 *
 * Pure logic: the capture-and-verify work is the injected `identify` actor (kiosk/identity/actor.ts provides it from
 * the IdentityService). The resident number lives in `context` as a `ResidentNumber`/`ResidentNumberEntry`, whose
 * every text form is masked, and is wiped on entering any final state. If the session stops this machine early it
 * must call `wipeIdentity(snapshot.context)` (xstate runs no exit actions on stop).
 */

/** Failed verdicts (no match, unknown number, poor template) before the citizen is sent to the counter. */
export const MAX_IDENTITY_ATTEMPTS = 3;
/** Captures of any outcome (no finger, poor image, office unreachable …) before the counter is the only way on. */
export const MAX_CAPTURES = 8;

export type IdentityInput = {
  readonly documentCodes: readonly string[];
  /** The session clock's time: decides which birth dates lie in the future. */
  readonly now: number;
};

export type IdentifyActorInput = {
  readonly residentNumber: ResidentNumber;
  readonly documentCodes: readonly string[];
};

export type IdentityEvent =
  /** A key of the on-screen or tactile keypad: digit, erase (← 지움), clear (전체 지움). */
  | { readonly type: 'KEY'; readonly key: EntryKey }
  /** 확인: submit the number, or go on despite a check-digit warning. */
  | { readonly type: 'CONFIRM' }
  /** Back to the number (from the warning or a retry screen). */
  | { readonly type: 'EDIT' }
  /** Try the finger again (after no match, no finger, poor image, office unreachable). */
  | { readonly type: 'RETRY' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'IDENTIFY.PROGRESS'; readonly progress: IdentifyProgress }
  | { readonly type: 'IDENTIFY.DONE'; readonly outcome: IdentifyOutcome };

/** What the identity step ends with; the session moves on accordingly. */
export type IdentityResult =
  | {
      readonly result: 'verified';
      readonly token: string;
      readonly expiresAt: string;
      readonly entitlements: readonly string[];
      /** For the confirmation screen only (`reveal()`); masked in snapshots and logs. */
      readonly displayName: PrivateText;
    }
  | { readonly result: 'not-required' }
  | { readonly result: 'use-counter'; readonly reason: 'attempts-exhausted' | 'locked' | 'too-many-captures' }
  | { readonly result: 'reader-unavailable' }
  | { readonly result: 'cancelled' };

export type IdentityContext = {
  readonly documentCodes: readonly string[];
  readonly now: number;
  readonly entry: ResidentNumberEntry;
  readonly residentNumber: ResidentNumber | undefined;
  readonly numberProblem: ResidentNumberRejectionKind | ResidentNumberWarningKind | undefined;
  /** Failed verdicts so far. */
  readonly failedVerdicts: number;
  readonly captures: number;
  /** As the central office counts them (it may know of earlier attempts today). */
  readonly attemptsLeft: number;
  readonly message: IdentityMessageKey;
  readonly guidance: FingerGuidance | undefined;
  readonly lastOutcome: IdentifyOutcome | undefined;
  readonly result: IdentityResult | undefined;
};

function needsIdentity(documentCodes: readonly string[]): boolean {
  // An unknown code is treated as needing identity: never skip the check by mistake.
  return documentCodes.some((code) => findDocument(code)?.identityRequired ?? true);
}

const GUIDANCE_MESSAGE: Record<FingerGuidance, IdentityMessageKey> = {
  'press-firmly': 'identity.finger.press-firmly',
  'hold-still': 'identity.finger.hold-still',
  'more-of-finger': 'identity.finger.more-of-finger',
  'wipe-finger': 'identity.poor-template',
  'lift-and-retry': 'identity.finger.lift-and-retry',
};

function outcomeOf(event: IdentityEvent): IdentifyOutcome | undefined {
  return event.type === 'IDENTIFY.DONE' ? event.outcome : undefined;
}

function isFailedVerdict(outcome: IdentifyOutcome | undefined): outcome is Extract<IdentifyOutcome, { kind: 'not-verified' }> {
  return outcome?.kind === 'not-verified';
}

/** Wipe the resident number and what was typed. Idempotent; for the session when it stops the machine early. */
export function wipeIdentity(context: Pick<IdentityContext, 'entry' | 'residentNumber'>): void {
  context.entry.wipe();
  context.residentNumber?.wipe();
}

export const identityMachine = setup({
  types: {
    context: {} as IdentityContext,
    events: {} as IdentityEvent,
    input: {} as IdentityInput,
    output: {} as IdentityResult,
  },
  actors: {
    /** Provided by kiosk/identity/actor.ts: capture a finger and ask the central office. */
    identify: fromCallback<IdentityEvent, IdentifyActorInput>(() => {
      throw new Error('identityMachine: provide the identify actor (kiosk/identity/actor.ts)');
    }),
  },
  guards: {
    identityNeeded: ({ context }) => needsIdentity(context.documentCodes),
    entryComplete: ({ context }) => context.entry.isComplete,
    numberRejected: ({ context }) => context.residentNumber === undefined,
    numberWarned: ({ context }) => context.numberProblem === 'check-digit',
    verified: ({ event }) => outcomeOf(event)?.kind === 'verified',
    locked: ({ event }) => {
      const outcome = outcomeOf(event);
      return isFailedVerdict(outcome) && outcome.reason === 'locked';
    },
    lastAttempt: ({ context, event }) => {
      const outcome = outcomeOf(event);
      return isFailedVerdict(outcome) && (outcome.attemptsLeft === 0 || context.failedVerdicts + 1 >= MAX_IDENTITY_ATTEMPTS);
    },
    unknownResident: ({ event }) => {
      const outcome = outcomeOf(event);
      return isFailedVerdict(outcome) && outcome.reason === 'unknown-resident';
    },
    failedVerdict: ({ event }) => isFailedVerdict(outcomeOf(event)),
    readerUnavailable: ({ event }) => outcomeOf(event)?.kind === 'reader-unavailable',
    officeUnavailable: ({ event }) => outcomeOf(event)?.kind === 'office-unavailable',
    cancelledByReader: ({ event }) => outcomeOf(event)?.kind === 'cancelled',
    tooManyCaptures: ({ context }) => context.captures >= MAX_CAPTURES,
  },
  actions: {
    pressKey: assign(({ context, event }) => {
      if (event.type !== 'KEY') return {};
      context.entry.press(event.key);
      return { message: 'identity.enter-number' as const, numberProblem: undefined };
    }),
    validateNumber: assign(({ context }) => {
      context.residentNumber?.wipe();
      const parsed = context.entry.submit({ now: context.now });
      if (!parsed.ok) {
        return {
          residentNumber: undefined,
          numberProblem: parsed.error.kind,
          message: `identity.number.${parsed.error.kind}` as IdentityMessageKey,
        };
      }
      const warning = parsed.value.warnings[0]?.kind;
      return {
        residentNumber: parsed.value.residentNumber,
        numberProblem: warning,
        message: warning ? ('identity.number.check-digit' as const) : ('identity.place-finger' as const),
      };
    }),
    startCapture: assign(({ context }) => ({
      captures: context.captures + 1,
      message: 'identity.place-finger' as const,
      guidance: undefined,
      lastOutcome: undefined,
    })),
    showProgress: assign(({ context, event }) => {
      if (event.type !== 'IDENTIFY.PROGRESS') return {};
      const progress = event.progress;
      switch (progress.type) {
        case 'waiting-for-finger':
          // Keep the guidance on screen after a poor image; it says what to do differently.
          return context.guidance ? {} : { message: 'identity.place-finger' as const };
        case 'finger-detected':
        case 'uploading':
          return {};
        case 'poor-image':
          return { guidance: progress.guidance, message: GUIDANCE_MESSAGE[progress.guidance] };
        case 'verifying':
          return { message: 'identity.verifying' as const, guidance: undefined };
      }
    }),
    recordOutcome: assign(({ context, event }) => {
      const outcome = outcomeOf(event);
      if (!outcome) return {};
      const failed = isFailedVerdict(outcome);
      return {
        lastOutcome: outcome,
        guidance: undefined,
        failedVerdicts: context.failedVerdicts + (failed ? 1 : 0),
        attemptsLeft: failed
          ? Math.min(outcome.attemptsLeft, MAX_IDENTITY_ATTEMPTS - context.failedVerdicts - 1)
          : context.attemptsLeft,
        message: messageForOutcome(outcome),
      };
    }),
    forgetNumber: assign(({ context }) => {
      wipeIdentity(context);
      return { residentNumber: undefined };
    }),
    wipe: ({ context }) => wipeIdentity(context),
    finishVerified: assign(({ event }) => {
      const outcome = outcomeOf(event);
      if (outcome?.kind !== 'verified') throw new Error('finishVerified without a verdict');
      return {
        message: 'identity.verified' as const,
        result: {
          result: 'verified' as const,
          token: outcome.token,
          expiresAt: outcome.expiresAt,
          entitlements: outcome.entitlements,
          displayName: outcome.displayName,
        },
      };
    }),
    finishUseCounter: assign(({ event }) => {
      const outcome = outcomeOf(event);
      const reason: 'attempts-exhausted' | 'locked' | 'too-many-captures' = !isFailedVerdict(outcome)
        ? 'too-many-captures'
        : outcome.reason === 'locked'
          ? 'locked'
          : 'attempts-exhausted';
      return {
        attemptsLeft: 0,
        message: reason === 'locked' ? ('identity.locked' as const) : ('identity.use-counter' as const),
        result: { result: 'use-counter' as const, reason },
      };
    }),
    finishReaderUnavailable: assign({
      message: 'identity.reader-unavailable' as const,
      result: { result: 'reader-unavailable' as const },
    }),
    finishCancelled: assign({ message: 'identity.cancelled' as const, result: { result: 'cancelled' as const } }),
    finishNotRequired: assign({ message: 'identity.not-required' as const, result: { result: 'not-required' as const } }),
  },
}).createMachine({
  id: 'identity',
  context: ({ input }) => ({
    documentCodes: input.documentCodes,
    now: input.now,
    entry: new ResidentNumberEntry(),
    residentNumber: undefined,
    numberProblem: undefined,
    failedVerdicts: 0,
    captures: 0,
    attemptsLeft: MAX_IDENTITY_ATTEMPTS,
    message: 'identity.enter-number',
    guidance: undefined,
    lastOutcome: undefined,
    result: undefined,
  }),
  initial: 'deciding',
  output: ({ context }) => {
    if (!context.result) throw new Error('identity machine finished without a result');
    return context.result;
  },
  on: {
    CANCEL: { target: '.cancelled' },
  },
  states: {
    deciding: {
      always: [{ guard: 'identityNeeded', target: 'enteringNumber' }, { target: 'notRequired' }],
    },
    enteringNumber: {
      on: {
        KEY: { actions: 'pressKey' },
        CONFIRM: { guard: 'entryComplete', target: 'checkingNumber' },
      },
    },
    checkingNumber: {
      entry: 'validateNumber',
      always: [
        { guard: 'numberRejected', target: 'enteringNumber' },
        { guard: 'numberWarned', target: 'confirmingNumber' },
        { target: 'capturing' },
      ],
    },
    confirmingNumber: {
      on: {
        CONFIRM: { target: 'capturing' },
        EDIT: { target: 'enteringNumber', actions: 'forgetNumber' },
        KEY: { target: 'enteringNumber', actions: ['forgetNumber', 'pressKey'] },
      },
    },
    capturing: {
      entry: 'startCapture',
      invoke: {
        src: 'identify',
        input: ({ context }) => {
          if (!context.residentNumber) throw new Error('capturing without a resident number');
          return { residentNumber: context.residentNumber, documentCodes: context.documentCodes };
        },
      },
      on: {
        'IDENTIFY.PROGRESS': { actions: 'showProgress' },
        'IDENTIFY.DONE': [
          { guard: 'verified', target: 'verified', actions: 'finishVerified' },
          { guard: 'locked', target: 'useCounter', actions: ['recordOutcome', 'finishUseCounter'] },
          { guard: 'lastAttempt', target: 'useCounter', actions: ['recordOutcome', 'finishUseCounter'] },
          { guard: 'unknownResident', target: 'enteringNumber', actions: ['recordOutcome', 'forgetNumber'] },
          { guard: 'failedVerdict', target: 'retryOffered', actions: 'recordOutcome' },
          { guard: 'readerUnavailable', target: 'readerUnavailable', actions: 'recordOutcome' },
          { guard: 'cancelledByReader', target: 'cancelled' },
          { guard: 'tooManyCaptures', target: 'useCounter', actions: ['recordOutcome', 'finishUseCounter'] },
          { guard: 'officeUnavailable', target: 'officeUnreachable', actions: 'recordOutcome' },
          { target: 'retryOffered', actions: 'recordOutcome' },
        ],
      },
    },
    /** No match, no finger or a poor image: the citizen may try again (attempts left are shown) or leave. */
    retryOffered: {
      on: {
        RETRY: { target: 'capturing' },
        EDIT: { target: 'enteringNumber', actions: 'forgetNumber' },
      },
    },
    officeUnreachable: {
      on: { RETRY: { target: 'capturing' } },
    },
    verified: { type: 'final', entry: 'wipe' },
    useCounter: { type: 'final', entry: 'wipe' },
    readerUnavailable: { type: 'final', entry: ['finishReaderUnavailable', 'wipe'] },
    cancelled: { type: 'final', entry: ['finishCancelled', 'wipe'] },
    notRequired: { type: 'final', entry: 'finishNotRequired' },
  },
});

function messageForOutcome(outcome: IdentifyOutcome): IdentityMessageKey {
  switch (outcome.kind) {
    case 'verified':
      return 'identity.verified';
    case 'not-verified':
      switch (outcome.reason) {
        case 'no-match':
          return 'identity.no-match';
        case 'unknown-resident':
          return 'identity.unknown-resident';
        case 'poor-template':
          return 'identity.poor-template';
        case 'locked':
          return 'identity.locked';
      }
      break;
    case 'no-finger':
      return 'identity.no-finger';
    case 'poor-image':
      return 'identity.poor-image';
    case 'reader-unavailable':
      return 'identity.reader-unavailable';
    case 'office-unavailable':
      return 'identity.office-unreachable';
    case 'cancelled':
      return 'identity.cancelled';
  }
}

// ---- the view the session composes into its snapshot ---------------------------------------------------------------

export type IdentityScreen =
  | 'resident-number'
  | 'check-number'
  | 'fingerprint'
  | 'verifying'
  | 'retry'
  | 'office-unreachable'
  | 'verified'
  | 'use-counter'
  | 'reader-unavailable'
  | 'cancelled'
  | 'not-required';

export type IdentityAction = 'confirm' | 'edit' | 'retry' | 'cancel';

export type IdentityView = {
  readonly screen: IdentityScreen;
  readonly message: IdentityMessageKey;
  /** `900101-1●●____` while typing, `900101-1******` once entered; never the digits. */
  readonly residentNumber: string;
  readonly attemptsLeft: number;
  readonly guidance: FingerGuidance | undefined;
  /** The buttons the screen offers (확인 only at 13 digits, ui.md). */
  readonly actions: readonly IdentityAction[];
};

export type IdentitySnapshot = SnapshotFrom<typeof identityMachine>;

export function identityView(snapshot: IdentitySnapshot): IdentityView {
  const { context } = snapshot;
  const masked = context.residentNumber && !context.residentNumber.isWiped ? context.residentNumber.masked() : context.entry.display();
  const base = { message: context.message, residentNumber: masked, attemptsLeft: context.attemptsLeft, guidance: context.guidance };
  const value = snapshot.value;
  switch (value) {
    case 'deciding':
    case 'enteringNumber':
    case 'checkingNumber':
      return { ...base, screen: 'resident-number', actions: context.entry.isComplete ? ['confirm', 'cancel'] : ['cancel'] };
    case 'confirmingNumber':
      return { ...base, screen: 'check-number', actions: ['confirm', 'edit', 'cancel'] };
    case 'capturing':
      return { ...base, screen: context.message === 'identity.verifying' ? 'verifying' : 'fingerprint', actions: ['cancel'] };
    case 'retryOffered':
      return { ...base, screen: 'retry', actions: ['retry', 'edit', 'cancel'] };
    case 'officeUnreachable':
      return { ...base, screen: 'office-unreachable', actions: ['retry', 'cancel'] };
    case 'verified':
      return { ...base, screen: 'verified', actions: [] };
    case 'useCounter':
      return { ...base, screen: 'use-counter', actions: [] };
    case 'readerUnavailable':
      return { ...base, screen: 'reader-unavailable', actions: [] };
    case 'cancelled':
      return { ...base, screen: 'cancelled', actions: [] };
    case 'notRequired':
      return { ...base, screen: 'not-required', actions: [] };
  }
}

/**
 * The tactile keypad's commands on the identity screens (a blind citizen with keypad and earphone alone): digits,
 * erase and clear type the number; select confirms or retries; back returns to the number from a question.
 * Commands it returns `undefined` for are the session's (move focus, help, volume, back from the first screen).
 */
export function identityEventForKeypad(command: NavigationCommand, view: IdentityView): IdentityEvent | undefined {
  switch (command.type) {
    case 'digit':
      return view.screen === 'resident-number' ? { type: 'KEY', key: { type: 'digit', digit: command.digit } } : undefined;
    case 'erase':
      return view.screen === 'resident-number' ? { type: 'KEY', key: { type: 'erase' } } : undefined;
    case 'clear':
      return view.screen === 'resident-number' ? { type: 'KEY', key: { type: 'clear' } } : undefined;
    case 'select':
      if (view.actions.includes('retry')) return { type: 'RETRY' };
      return view.actions.includes('confirm') ? { type: 'CONFIRM' } : undefined;
    case 'back':
      return view.actions.includes('edit') ? { type: 'EDIT' } : undefined;
    case 'move':
    case 'help':
    case 'volume':
    case 'speech-rate':
    case 'voice-guidance':
      return undefined;
  }
}
