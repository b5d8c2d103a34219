import { err, ok, type Result } from '../../common/result';

/**
 * HID boot keyboard input reports (USB HID 1.11, appendix B): 8 bytes — modifier bits, a reserved byte, then up to six
 * usage codes of the keys held down (keyboard page 0x07). Accessible kiosk keypads (EZ-Access style, e.g. Storm
 * AudioNav) present themselves as such a keyboard. A key press is a usage that appears in a report; its release
 * is the report without it.
 */
export const KEYBOARD_REPORT_BYTES = 8;
/** "Keyboard ErrorRollOver": every slot says 0x01 when too many keys are held; the report carries no key. */
export const USAGE_ERROR_ROLL_OVER = 0x01;

export type KeyboardReport = { readonly modifiers: number; readonly usages: readonly number[] };

export function parseKeyboardReport(report: Uint8Array, hasReportId = false): Result<KeyboardReport, string> {
  const body = hasReportId ? report.subarray(1) : report;
  if (body.length < KEYBOARD_REPORT_BYTES) return err(`keyboard report of ${body.length} bytes, expected ${KEYBOARD_REPORT_BYTES}`);
  const slots = Array.from(body.subarray(2, KEYBOARD_REPORT_BYTES));
  if (slots.every((usage) => usage === USAGE_ERROR_ROLL_OVER)) return ok({ modifiers: body[0]!, usages: [] });
  return ok({ modifiers: body[0]!, usages: slots.filter((usage) => usage !== 0) });
}

export function encodeKeyboardReport(usages: readonly number[], modifiers = 0): Uint8Array {
  if (usages.length > 6) throw new Error('a boot keyboard report holds at most six keys');
  const report = new Uint8Array(KEYBOARD_REPORT_BYTES);
  report[0] = modifiers;
  report.set(usages, 2);
  return report;
}

/** Usages present now that were not in the previous report: the keys just pressed. */
export function newlyPressed(previous: readonly number[], current: readonly number[]): number[] {
  return current.filter((usage) => !previous.includes(usage));
}
