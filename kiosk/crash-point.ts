import { writeSync } from 'node:fs';
import type { KioskConfig } from './config';

/**
 * TEST ONLY: the process-level crash tests (test/kiosk-crash.test.ts) need the kiosk to die at one exact journal
 * step of a paid issuance, as a power cut would, and then start again on the same data folder. With
 * `KIOSK_TEST_CRASH_AFTER=<step>:<phase>` (e.g. `cash.stack:confirm`, optionally `#n` for the n-th time) the kiosk
 * sends itself SIGKILL right after that journal transaction commits — nothing after it runs, no handler, no flush.
 *
 * Honoured only when the configuration has `simulatorControl: true` (never in a production configuration) and the
 * variable is set; otherwise ignored and logged. The labels are kiosk/session/session-store.ts's write labels
 * (`<step>:begin|confirm|fail|settle|record`) and the money service's journal steps (`cash.stack`, `cash.return`,
 * `cash.dispense` with `:begin` once journaled, before the device is told, and `:confirm` once its answer is written).
 */
export const CRASH_ENV = 'KIOSK_TEST_CRASH_AFTER';
/** Written to standard error just before the kill, so that a test can tell this death from any other. */
export const CRASH_MARKER = 'KIOSK-TEST-CRASH-POINT';

export type CrashPoint = { readonly label: string; readonly occurrence: number };

export function crashPointFrom(env: NodeJS.ProcessEnv, config: Pick<KioskConfig, 'simulatorControl'>): CrashPoint | null {
  const raw = env[CRASH_ENV];
  if (!raw || !config.simulatorControl) return null;
  const match = /^([a-z.-]+:(?:begin|confirm|fail|settle|record))(?:#(\d+))?$/.exec(raw.trim());
  if (!match?.[1]) throw new Error(`${CRASH_ENV}=${raw}: expected <step>:<begin|confirm|fail|settle|record>[#n]`);
  return { label: match[1], occurrence: Number(match[2] ?? 1) };
}

/** Counts committed writes by label and kills the process at the chosen one. */
export function crashAfter(point: CrashPoint): (label: string) => void {
  let seen = 0;
  return (label) => {
    if (label !== point.label || ++seen !== point.occurrence) return;
    writeSync(2, `${CRASH_MARKER} ${label}#${seen}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
