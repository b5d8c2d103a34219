/**
 * The 주민등록번호 as the citizen types it, one digit at a time (domain.md): `YYMMDD-GNNNNNN`, G 1–4 for citizens
 * (century and sex), 5–8 for foreign residents. Numbers issued before October 2020 carry a check digit; later ones
 * do not, so a failed check digit is a warning, never a rejection. The digits live only in the session's memory
 * and are wiped as soon as the identity verdict arrives; every view shows them masked.
 *
 * The identity branch provides `kiosk/identity` ResidentNumber for the rest of the kiosk; this is the session's own
 * pure check of what is on the keypad.
 */
export const RESIDENT_NUMBER_DIGITS = 13;

/** Weights of the pre-2020 check digit over the first twelve digits. */
const CHECK_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

export type ResidentNumberProblem = 'invalid-date' | 'invalid-gender-digit';

export type ResidentNumberCheck =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly problem: ResidentNumberProblem }
  /** `checkDigitMismatch`: only a warning (numbers issued since October 2020 have no check digit). */
  | { readonly kind: 'valid'; readonly checkDigitMismatch: boolean };

/** Century from the gender digit: 1,2,5,6 → 1900s; 3,4,7,8 → 2000s (9/0, born in the 1800s, are not issued any more). */
function centuryOf(genderDigit: number): number | null {
  if ([1, 2, 5, 6].includes(genderDigit)) return 1900;
  if ([3, 4, 7, 8].includes(genderDigit)) return 2000;
  return null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function checkDigitMatches(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < CHECK_WEIGHTS.length; i++) sum += Number(digits[i]) * (CHECK_WEIGHTS[i] ?? 0);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/**
 * Checks the digits typed so far. `today` bounds the birth date (no one is born tomorrow); it comes from the
 * injected clock, never from `Date.now()`.
 */
export function checkResidentNumber(digits: string, today: { year: number; month: number; day: number }): ResidentNumberCheck {
  if (!/^\d*$/.test(digits)) throw new Error('resident number digits must be 0–9');
  if (digits.length < RESIDENT_NUMBER_DIGITS) return { kind: 'incomplete' };
  if (digits.length > RESIDENT_NUMBER_DIGITS) throw new Error('more than 13 digits');
  const genderDigit = Number(digits[6]);
  const century = centuryOf(genderDigit);
  if (century === null) return { kind: 'invalid', problem: 'invalid-gender-digit' };
  const year = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (!isRealDate(year, month, day)) return { kind: 'invalid', problem: 'invalid-date' };
  const born = Date.UTC(year, month - 1, day);
  if (born > Date.UTC(today.year, today.month - 1, today.day)) return { kind: 'invalid', problem: 'invalid-date' };
  return { kind: 'valid', checkDigitMismatch: !checkDigitMatches(digits) };
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

/** `YYMMDD-GNNNNNN`, the form the central office's identity endpoint takes. */
export function formatResidentNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
