import { DEFAULT_DISPLAY, type DisplayPreferences } from '../../state-machines/view-model';
import type { RecoveryInput, SessionContext } from '../../state-machines/session/types';
import type { SessionCheckpoint } from './session-store';

/**
 * The persisted snapshot of the session actor: its state and a whitelist of its context. Left out on purpose: the
 * resident-number digits, the identity token, rendered-certificate handles (meaningless after a restart), the
 * keypad and idle timers. The journal, not this snapshot, is the authority on money and paper; the snapshot says
 * that a session was open, where it stood and how the citizen wanted the screen.
 */

/** States in which a session is open and its snapshot kept on disk. `closing` and later: the close transaction owns it. */
const OPEN_STATES = new Set([
  'language',
  'chooseDocument',
  'documentOptions',
  'checkingOffice',
  'officeUnreachable',
  'residentNumber',
  'fingerprint',
  'identityFailed',
  'loadingRecords',
  'summary',
  'payment',
  'printing',
  'settling',
  'receipt',
]);

export function isOpenState(state: string): boolean {
  return OPEN_STATES.has(state.split('.')[0] ?? state);
}

export function checkpointOf(state: string, context: SessionContext, savedAt: number): SessionCheckpoint | null {
  if (context.sessionId === null || !isOpenState(state)) return null;
  return {
    sessionId: context.sessionId,
    state,
    savedAt,
    snapshot: {
      state,
      language: context.language,
      display: context.display,
      outcome: context.outcome,
      paymentEnd: context.paymentEnd,
      basket: context.basket.map((item) => ({
        code: item.code,
        copies: item.copies,
        options: item.options,
        issuanceNumber: item.prepared?.issuanceNumber ?? null,
        pages: item.prepared?.pages ?? null,
        perCopy: item.quote?.perCopy ?? null,
        problemKey: item.problemKey,
      })),
      money: {
        due: context.money.due,
        inserted: context.money.inserted,
        paidInFull: context.money.paidInFull,
        feesKept: context.money.feesKept,
        changeDue: context.money.changeDue,
        changePaid: context.money.changePaid,
        refundDue: context.money.refundDue,
        refundPaid: context.money.refundPaid,
        refundOwed: context.money.refundOwed,
        voucherCode: context.money.voucherCode,
      },
      printing: {
        line: context.printing.line,
        copy: context.printing.copy,
        fromPage: context.printing.fromPage,
        lines: context.printing.lines,
      },
    },
  };
}

/** A stable comparison key: a snapshot is written only when it changed. */
export const checkpointKey = (checkpoint: SessionCheckpoint | null): string =>
  checkpoint === null ? '' : `${checkpoint.state}|${JSON.stringify(checkpoint.snapshot)}`;

function displayOf(value: unknown): DisplayPreferences {
  if (value === null || typeof value !== 'object') return DEFAULT_DISPLAY;
  const display = value as Partial<DisplayPreferences>;
  return {
    textScale: display.textScale === 2 ? 2 : 1,
    contrast: display.contrast === 'high-dark' || display.contrast === 'high-light' ? display.contrast : 'default',
    lowPosition: display.lowPosition === true,
    voice: {
      enabled: display.voice?.enabled === true,
      volume: typeof display.voice?.volume === 'number' ? display.voice.volume : DEFAULT_DISPLAY.voice.volume,
      rate: typeof display.voice?.rate === 'number' ? display.voice.rate : DEFAULT_DISPLAY.voice.rate,
    },
  };
}

/** What the restarted machine needs to show the recovering screen the way the citizen had it. */
export function recoveryInputOf(checkpoint: SessionCheckpoint | null, unfinished: readonly string[]): RecoveryInput | null {
  if (checkpoint) {
    return {
      sessionId: checkpoint.sessionId,
      state: checkpoint.state,
      language: checkpoint.snapshot.language === 'en' ? 'en' : 'ko',
      display: displayOf(checkpoint.snapshot.display),
      savedAt: checkpoint.savedAt,
    };
  }
  const first = unfinished[0];
  if (first === undefined) return null;
  return { sessionId: first, state: 'unknown', language: 'ko', display: DEFAULT_DISPLAY, savedAt: 0 };
}
