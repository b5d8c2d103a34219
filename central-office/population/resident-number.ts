/**
 * Resident registration numbers (주민등록번호) in their valid format: `YYMMDD-GRRSSSC`. G gives the century and sex
 * (1/2 born 1900–1999, 3/4 from 2000; odd = male). Numbers issued before October 2020 end in a check digit over the
 * first twelve digits (weights 2–9,2–5; check = (11 − sum mod 11) mod 10); numbers issued later end in a random
 * digit (domain.md). The population only makes these shapes: it never copies a real person's number.
 */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

/** The date from which numbers carry no check digit (the 2020 reform). */
export const CHECK_DIGIT_ABOLISHED = '2020-10-05';

export function checkDigit(firstTwelve: string): number {
  if (!/^\d{12}$/.test(firstTwelve)) throw new Error(`twelve digits expected: ${firstTwelve}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(firstTwelve[i]) * (WEIGHTS[i] ?? 0);
  return (11 - (sum % 11)) % 10;
}

export function genderDigit(birthDate: string, sex: 'M' | 'F'): number {
  const year = Number(birthDate.slice(0, 4));
  const base = year >= 2000 ? 3 : 1;
  return base + (sex === 'M' ? 0 : 1);
}

/**
 * Build a number from a birth date, sex, the six digits after G (region and serial) and the issue date; the last
 * digit is the check digit for numbers issued before the reform, else `lastDigit`.
 */
export function makeResidentNumber(birthDate: string, sex: 'M' | 'F', middle: string, issuedOn: string, lastDigit: number): string {
  if (!/^\d{5}$/.test(middle)) throw new Error(`five digits expected after the gender digit: ${middle}`);
  const yymmdd = birthDate.slice(2, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
  const twelve = `${yymmdd}${genderDigit(birthDate, sex)}${middle}`;
  const last = issuedOn < CHECK_DIGIT_ABOLISHED ? checkDigit(twelve) : lastDigit;
  return `${twelve.slice(0, 6)}-${twelve.slice(6)}${last}`;
}

export function hasValidCheckDigit(residentNumber: string): boolean {
  const digits = residentNumber.replace('-', '');
  if (!/^\d{13}$/.test(digits)) return false;
  return checkDigit(digits.slice(0, 12)) === Number(digits[12]);
}

export function birthDateOf(residentNumber: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})-?([1-8])/.exec(residentNumber);
  if (!match) return null;
  const g = Number(match[4]);
  const century = g === 1 || g === 2 || g === 5 || g === 6 ? 1900 : 2000;
  return `${century + Number(match[1])}-${match[2]}-${match[3]}`;
}
