import { err, ok, type Result } from '../../common/result';

/**
 * The resident registration number (주민등록번호) `YYMMDD-GNNNNNN`, or a foreign resident's registration number of the
 * same shape (domain.md). A `ResidentNumber` can only be made by `parseResidentNumber`, so holding one means the
 * format, the century digit and the birth date were checked.
 *
 * Privacy (domain.md "Privacy and security"): the digits live in one mutable byte buffer that `wipe()` zeroes when
 * the session ends. Every way a value is turned into text by accident — `String(n)`, template literals,
 * `JSON.stringify`, `console.log`/`util.inspect`, pino — yields the masked form `900101-1******`. Only
 * `forTransmission()` gives the full number, for the one request to the central office's identity check.
 */

export const RESIDENT_NUMBER_DIGITS = 13;

/**
 * Numbers issued from this date on (주민등록번호 부여체계 개편, 5 October 2020) have random digits after the seventh and
 * no check digit, so the check digit is only a hint, never a reason to refuse (domain.md).
 */
export const RANDOM_SERIAL_SINCE = { year: 2020, month: 10, day: 5 } as const;

/** Kind of holder, from the seventh digit: 1–4 citizens, 5–8 foreign residents (외국인등록번호). */
export type Residency = 'citizen' | 'foreign-resident';

export type ResidentNumberRejection =
  /** Not exactly 13 digits (a hyphen or space after the sixth is allowed). */
  | { readonly kind: 'format' }
  /** The seventh digit is not 1–8 (0 and 9 were for people born in the 1800s). */
  | { readonly kind: 'century-digit' }
  /** The first six digits are not a real date (e.g. 990230: 30 February). */
  | { readonly kind: 'birth-date' }
  /** The date is real, but the century the seventh digit gives puts it in the future (e.g. 990101-3…: 2099). */
  | { readonly kind: 'century-mismatch' };

export type ResidentNumberRejectionKind = ResidentNumberRejection['kind'];

/** A number that may well be right but looks unusual: shown to the citizen, who may confirm and go on. */
export type ResidentNumberWarning = { readonly kind: 'check-digit' };
export type ResidentNumberWarningKind = ResidentNumberWarning['kind'];

export type ValidResidentNumber = {
  readonly residentNumber: ResidentNumber;
  readonly warnings: readonly ResidentNumberWarning[];
};

/** A day in the kiosk's time zone (Asia/Seoul in production), as the session's clock gives it. */
export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

export type ParseOptions = {
  /**
   * Today in the kiosk's time zone, from the injected clock: no one is born after it. A date rather than an instant
   * because the caller (the session, kiosk/session/commands.ts `todayIn`) already knows the kiosk's configured zone.
   */
  readonly today: CalendarDate;
};

const WIPED_MASK = '******-*******';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class ResidentNumber {
  /** Digit values 0–9, zeroed by `wipe()`. Private: not copied by structuredClone, not enumerated by JSON. */
  readonly #digits: Uint8Array;
  #wiped = false;
  readonly residency: Residency;

  private constructor(digits: Uint8Array, residency: Residency) {
    this.#digits = digits;
    this.residency = residency;
  }

  /** @internal used by `parseResidentNumber` only: takes ownership of `digits`. */
  static fromCheckedDigits(digits: Uint8Array, residency: Residency, token: typeof CONSTRUCT): ResidentNumber {
    if (token !== CONSTRUCT) throw new Error('ResidentNumber is made by parseResidentNumber only');
    return new ResidentNumber(digits, residency);
  }

  get isWiped(): boolean {
    return this.#wiped;
  }

  /** `900101-1******`: birth date and the seventh digit, as screens and receipts show it after entry. */
  masked(): string {
    if (this.#wiped) return WIPED_MASK;
    const d = this.#digits;
    return `${digitsText(d, 0, 6)}-${d[6] ?? 0}******`;
  }

  /**
   * The full number `YYMMDD-GNNNNNN`, for the body of the central office's identity request only (TLS). A JS string
   * cannot be wiped; keep it in a local variable of the request and nowhere else.
   */
  forTransmission(): string {
    if (this.#wiped) throw new Error('resident number used after it was wiped');
    return `${digitsText(this.#digits, 0, 6)}-${digitsText(this.#digits, 6, 13)}`;
  }

  /** Whether two numbers are the same, without turning either into a string. */
  equals(other: ResidentNumber): boolean {
    if (this.#wiped || other.#wiped) return false;
    for (let i = 0; i < RESIDENT_NUMBER_DIGITS; i++) if (this.#digits[i] !== other.#digits[i]) return false;
    return true;
  }

  /** Zero the digits in memory; afterwards only the fully masked form is left. Idempotent. */
  wipe(): void {
    this.#digits.fill(0);
    this.#wiped = true;
  }

  toString(): string {
    return this.masked();
  }

  toJSON(): string {
    return this.masked();
  }

  [INSPECT](): string {
    return `ResidentNumber(${this.masked()})`;
  }
}

/** Guards the internal factory so that only this module makes ResidentNumbers. */
const CONSTRUCT: unique symbol = Symbol('ResidentNumber.construct');

function digitsText(digits: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += String(digits[i] ?? 0);
  return text;
}

/** Century from the seventh digit: 1,2,5,6 → 1900s; 3,4,7,8 → 2000s. */
function centuryOf(seventh: number): number | undefined {
  switch (seventh) {
    case 1:
    case 2:
    case 5:
    case 6:
      return 1900;
    case 3:
    case 4:
    case 7:
    case 8:
      return 2000;
    default:
      return undefined;
  }
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CHECK_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

function weightedSum(digits: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < CHECK_WEIGHTS.length; i++) sum += (digits[i] ?? 0) * CHECK_WEIGHTS[i]!;
  return sum;
}

/** The check digit of numbers issued before October 2020: (11 − Σ mod 11) mod 10 (domain.md). */
export function citizenCheckDigit(digits: Uint8Array): number {
  return (11 - (weightedSum(digits) % 11)) % 10;
}

/**
 * Foreign registration numbers issued before October 2020 were published with the same weights but an offset of 13
 * ((13 − Σ mod 11) mod 10); sources disagree on which form a given office used, so either one passes.
 */
export function foreignCheckDigits(digits: Uint8Array): readonly number[] {
  const remainder = weightedSum(digits) % 11;
  return [(11 - remainder) % 10, (13 - remainder) % 10];
}

/** Accepts `9001011234567`, `900101-1234567` or `900101 1234567` (digits typed on the keypad, or a test fixture). */
function digitsOf(input: string | Uint8Array): Uint8Array | undefined {
  if (input instanceof Uint8Array) {
    if (input.length !== RESIDENT_NUMBER_DIGITS) return undefined;
    for (const value of input) if (value > 9) return undefined;
    return Uint8Array.from(input);
  }
  if (!/^\d{6}[- ]?\d{7}$/.test(input)) return undefined;
  const digits = new Uint8Array(RESIDENT_NUMBER_DIGITS);
  let at = 0;
  for (const char of input) {
    if (char === '-' || char === ' ') continue;
    digits[at++] = char.charCodeAt(0) - 48;
  }
  return digits;
}

/**
 * Validate a resident number. Rejections are things that cannot be a real number; the check digit only warns,
 * because numbers issued since October 2020 have none and a changed number may be new-style at any age.
 */
export function parseResidentNumber(
  input: string | Uint8Array,
  options: ParseOptions,
): Result<ValidResidentNumber, ResidentNumberRejection> {
  const digits = digitsOf(input);
  if (!digits) return err({ kind: 'format' });
  const seventh = digits[6] ?? 0;
  const century = centuryOf(seventh);
  if (century === undefined) {
    digits.fill(0);
    return err({ kind: 'century-digit' });
  }
  const year = century + (digits[0] ?? 0) * 10 + (digits[1] ?? 0);
  const month = (digits[2] ?? 0) * 10 + (digits[3] ?? 0);
  const day = (digits[4] ?? 0) * 10 + (digits[5] ?? 0);
  if (!isRealDate(year, month, day)) {
    digits.fill(0);
    return err({ kind: 'birth-date' });
  }
  const birth = Date.UTC(year, month - 1, day);
  const today = Date.UTC(options.today.year, options.today.month - 1, options.today.day);
  if (birth > today) {
    digits.fill(0);
    return err({ kind: 'century-mismatch' });
  }

  const residency: Residency = seventh >= 5 ? 'foreign-resident' : 'citizen';
  const warnings: ResidentNumberWarning[] = [];
  const since = RANDOM_SERIAL_SINCE;
  const bornBeforeRandomSerials = birth < Date.UTC(since.year, since.month - 1, since.day);
  if (bornBeforeRandomSerials) {
    const last = digits[12] ?? 0;
    const expected = residency === 'citizen' ? [citizenCheckDigit(digits)] : foreignCheckDigits(digits);
    if (!expected.includes(last)) warnings.push({ kind: 'check-digit' });
  }
  return ok({ residentNumber: ResidentNumber.fromCheckedDigits(digits, residency, CONSTRUCT), warnings });
}
