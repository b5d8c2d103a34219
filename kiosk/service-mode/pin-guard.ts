import type { KioskDatabase } from '../store/database';

/**
 * Wrong technician PINs and the lockout they cause, kept in the kiosk database (table `service_pin_guard`) so that a
 * restart — or pulling the plug — gives a guesser no fresh attempts. After MAX_PIN_FAILURES wrong PINs in a row the
 * keypad is locked; each further lockout lasts twice as long as the one before, up to MAX_LOCKOUT_MS. A right PIN
 * clears both counts. While locked, no PIN is even checked.
 */
export const MAX_PIN_FAILURES = 5;
export const FIRST_LOCKOUT_MS = 5 * 60_000;
export const MAX_LOCKOUT_MS = 4 * 3600_000;

export type PinGuardState = { readonly failures: number; readonly lockouts: number; readonly lockedUntil: number | null };

export type PinCheck = { readonly locked: true; readonly until: number } | { readonly locked: false; readonly attemptsLeft: number };

export class PinGuard {
  constructor(
    private readonly db: KioskDatabase,
    private readonly now: () => number,
  ) {}

  state(): PinGuardState {
    const row = this.db.prepare('SELECT failures, lockouts, locked_until FROM service_pin_guard WHERE id = 1').get() as
      | { failures: number; lockouts: number; locked_until: number | null }
      | undefined;
    return row ? { failures: row.failures, lockouts: row.lockouts, lockedUntil: row.locked_until } : { failures: 0, lockouts: 0, lockedUntil: null };
  }

  check(): PinCheck {
    const state = this.state();
    if (state.lockedUntil !== null && state.lockedUntil > this.now()) return { locked: true, until: state.lockedUntil };
    return { locked: false, attemptsLeft: MAX_PIN_FAILURES - (state.lockedUntil !== null ? 0 : state.failures) };
  }

  /** A wrong PIN: counts it, and locks when the count reaches the limit. */
  recordFailure(): PinCheck {
    const state = this.state();
    const at = this.now();
    // A lockout that has run out starts a fresh count (the lockout count itself stays, so the next one is longer).
    const failures = (state.lockedUntil !== null && state.lockedUntil <= at ? 0 : state.failures) + 1;
    let lockouts = state.lockouts;
    let lockedUntil: number | null = state.lockedUntil !== null && state.lockedUntil <= at ? null : state.lockedUntil;
    if (failures >= MAX_PIN_FAILURES) {
      lockedUntil = at + Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** lockouts);
      lockouts += 1;
    }
    this.write({ failures: failures >= MAX_PIN_FAILURES ? 0 : failures, lockouts, lockedUntil }, at);
    return lockedUntil !== null && lockedUntil > at ? { locked: true, until: lockedUntil } : { locked: false, attemptsLeft: MAX_PIN_FAILURES - failures };
  }

  recordSuccess(): void {
    this.write({ failures: 0, lockouts: 0, lockedUntil: null }, this.now());
  }

  private write(state: PinGuardState, at: number): void {
    this.db
      .prepare(
        `INSERT INTO service_pin_guard (id, failures, lockouts, locked_until, updated_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      )
      .run(state.failures, state.lockouts, state.lockedUntil, at);
  }
}
