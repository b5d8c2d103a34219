/**
 * Patterns of personal data that must never reach a log, the outbox or a crash dump (domain.md, "Privacy").
 * Used by the logger's scrubber and by the privacy scan tests over database files and logs.
 */

/** A resident registration number, with or without the hyphen: YYMMDD-GNNNNNN, G in 1–8. */
export const RESIDENT_NUMBER_PATTERN = /(?<!\d)(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[- ]?([1-8])(\d{6})(?!\d)/g;

/** Replace every resident-number-shaped run of digits with a fixed marker. */
export function scrubResidentNumbers(text: string): string {
  return text.replace(RESIDENT_NUMBER_PATTERN, '[resident-number]');
}

export function containsResidentNumber(text: string): boolean {
  RESIDENT_NUMBER_PATTERN.lastIndex = 0;
  const found = RESIDENT_NUMBER_PATTERN.test(text);
  RESIDENT_NUMBER_PATTERN.lastIndex = 0;
  return found;
}

/** Deep copy of a loggable value with every string scrubbed; keys named like secrets are dropped entirely. */
const SECRET_KEYS = /^(residentNumber|resident_number|rrn|template|fingerprint|fingerprintTemplate|document|pdf|records?)$/i;

export function scrubValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return scrubResidentNumbers(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof Error) {
    return { type: value.name, message: scrubResidentNumbers(value.message), stack: scrubResidentNumbers(value.stack ?? '') };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? '[redacted]' : scrubValue(item, depth + 1);
    }
    return out;
  }
  return value;
}
