import {
  parseResidentNumber,
  RESIDENT_NUMBER_DIGITS,
  type CalendarDate,
  type ResidentNumberRejectionKind,
} from '../../kiosk/identity/resident-number';

/**
 * The 주민등록번호 on the session's keypad, typed one digit at a time. The rules themselves (century digit 1–8,
 * foreign residents 5–8, a real birth date not in the future, the check digit only on numbers issued before
 * 5 October 2020 and only as a warning) are kiosk/identity/resident-number.ts's, the kiosk's one validator; this
 * module turns its verdict into the message keys the renderer's catalogues hold (`resident.*`, docs/ui.md) and
 * masks the digits for the screen. The digits live only in the session's memory and are wiped when the identity
 * step ends (session.ts `acceptVerdict`, `identityFailed`, `wipePersonal`, `reset`).
 */
export { RESIDENT_NUMBER_DIGITS };

/** Renderer catalogue keys (renderer/i18n/ko.json, en.json) for a number that cannot be right. */
const REJECTION_KEYS: Record<Exclude<ResidentNumberRejectionKind, 'format'>, string> = {
  'century-digit': 'resident.invalid-gender-digit',
  'birth-date': 'resident.invalid-date',
  'century-mismatch': 'resident.century-mismatch',
};

/** A number that may be right but whose pre-2020 check digit does not match: the citizen may confirm it. */
const CHECK_DIGIT_KEY = 'resident.check-digit';

/** Every key this module can put on the resident-number screen (the catalogue test checks each one). */
export const RESIDENT_NUMBER_MESSAGE_KEYS: readonly string[] = [...Object.values(REJECTION_KEYS), CHECK_DIGIT_KEY];

export type KeypadVerdict = {
  /** Set: the number cannot be confirmed until it is corrected. */
  readonly errorKey: string | null;
  /** Set: the number may be confirmed as it is. */
  readonly warningKey: string | null;
};

/**
 * What the resident-number screen says about the digits typed so far. Nothing until the 13th digit; `today` (the
 * kiosk's date from the injected clock, never `Date.now()`) bounds the birth date.
 */
export function keypadVerdict(digits: string, today: CalendarDate): KeypadVerdict {
  // The API admits single digits only (kiosk/api/contract.ts): anything else here is a programmer error.
  if (!/^\d*$/.test(digits)) throw new Error('resident number digits must be 0–9');
  if (digits.length > RESIDENT_NUMBER_DIGITS) throw new Error('more than 13 digits');
  if (digits.length < RESIDENT_NUMBER_DIGITS) return { errorKey: null, warningKey: null };
  const parsed = parseResidentNumber(digits, { today });
  if (!parsed.ok) {
    const kind = parsed.error.kind;
    if (kind === 'format') throw new Error('13 digits that are not a resident number shape');
    return { errorKey: REJECTION_KEYS[kind], warningKey: null };
  }
  const { residentNumber, warnings } = parsed.value;
  // Only the verdict is needed here: the session keeps the digits it was typed, this copy is zeroed at once.
  residentNumber.wipe();
  return { errorKey: null, warningKey: warnings.some((warning) => warning.kind === 'check-digit') ? CHECK_DIGIT_KEY : null };
}

/** The only form of the number a screen ever shows: `900101-1●●●●●●`, `_` for digits still to come (ui.md). */
export function maskResidentNumber(digits: string): string {
  const slots: string[] = [];
  for (let i = 0; i < RESIDENT_NUMBER_DIGITS; i++) {
    const digit = digits[i];
    if (digit === undefined) slots.push('_');
    else slots.push(i <= 6 ? digit : '●');
  }
  return `${slots.slice(0, 6).join('')}-${slots.slice(6).join('')}`;
}

/** `YYMMDD-GNNNNNN`, the form the central office's identity endpoint takes (IdentityPort.verify only). */
export function formatResidentNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
