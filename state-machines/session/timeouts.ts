import type { DisplayPreferences } from '../view-model';

/**
 * Time rules (ui.md, WCAG 2.2.1 as applied to kiosks): each screen has an idle limit; before it runs out a warning
 * with a countdown offers more time (at least 20 s to answer, at least 10 extensions); nothing times out while cash
 * is being handled or while printing. Citizens who turned on voice guidance or large text get double the time.
 */
export type TimedScreen =
  | 'language'
  | 'choose-document'
  | 'document-options'
  | 'resident-number'
  | 'fingerprint-retry'
  | 'identity-failed'
  | 'office-unreachable'
  | 'summary'
  | 'payment';

export const IDLE_LIMIT_MS: Readonly<Record<TimedScreen, number>> = {
  language: 60_000,
  'choose-document': 90_000,
  'document-options': 120_000,
  'resident-number': 90_000,
  'fingerprint-retry': 60_000,
  'identity-failed': 45_000,
  'office-unreachable': 45_000,
  summary: 120_000,
  // Waiting for the first (or next) note: no note is moving, so the rule against timing out cash handling holds.
  payment: 120_000,
};

/** The countdown shown with the warning: at least 20 s to answer (ui.md). */
export const WARNING_SECONDS = 30;
/** At least 10 extensions (ui.md); activity on the screen resets the limit without using one. */
export const MAX_EXTENSIONS = 10;
/** Voice guidance or 200 % text: the citizen gets more time on every screen. */
export const ACCESSIBLE_TIME_FACTOR = 2;

/**
 * A kiosk's own idle timing (configuration `session.idleScale` and `session.warningSeconds`, passed through
 * `createSessionRuntime` into the machine's input): every screen's limit above times `idleScale`, and a warning
 * of `warningSeconds`. The configuration schema keeps production kiosks within `PRODUCTION_IDLE_TIMING` (the warning
 * never under 20 s); only a kiosk with simulator control, which never runs in production, may go below, so that
 * end-to-end tests see a warning and a time-out in seconds.
 */
export type IdleTiming = { readonly idleScale: number; readonly warningSeconds: number };

export const DEFAULT_IDLE_TIMING: IdleTiming = { idleScale: 1, warningSeconds: WARNING_SECONDS };

export const PRODUCTION_IDLE_TIMING = {
  idleScale: { min: 0.5, max: 3 },
  warningSeconds: { min: 20, max: 120 },
} as const;

/** The floor for test kiosks (simulator control on): a screen's limit of a fraction of a second is still a limit. */
export const TEST_IDLE_TIMING = {
  idleScale: { min: 0.01, max: PRODUCTION_IDLE_TIMING.idleScale.max },
  warningSeconds: { min: 2, max: PRODUCTION_IDLE_TIMING.warningSeconds.max },
} as const;

export function idleLimitMs(screen: TimedScreen, display: DisplayPreferences, timing: IdleTiming = DEFAULT_IDLE_TIMING): number {
  const accessible = display.voice.enabled || display.textScale === 2;
  return Math.round(IDLE_LIMIT_MS[screen] * timing.idleScale) * (accessible ? ACCESSIBLE_TIME_FACTOR : 1);
}

/** Screens shown after a session ends, then back to the attract screen on their own. */
export const THANK_YOU_MS = 20_000;
export const NOTICE_MS = 60_000;

/** Fingerprint: how long the reader waits for a finger, and the attempts before "please use the counter". */
export const FINGER_CAPTURE_TIMEOUT_MS = 20_000;
export const MAX_FINGERPRINT_ATTEMPTS = 3;

/** A printer fault mid-document: how long to wait for it to recover, and how many recoveries per session. */
export const PRINTER_RECOVERY_LIMIT_MS = 180_000;
export const PRINTER_POLL_MS = 2_000;
export const MAX_PRINT_RECOVERIES = 2;

/** The acceptor must confirm it is inhibited and empty; past this the session goes on and the fault is logged. */
export const COLLECTION_CLOSE_TIMEOUT_MS = 15_000;

/** Documents per visit. */
export const MAX_BASKET = 5;
