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

export function idleLimitMs(screen: TimedScreen, display: DisplayPreferences): number {
  const accessible = display.voice.enabled || display.textScale === 2;
  return IDLE_LIMIT_MS[screen] * (accessible ? ACCESSIBLE_TIME_FACTOR : 1);
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
