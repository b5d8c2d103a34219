import { inspect } from 'node:util';
import {
  citizenCheckDigit,
  foreignCheckDigits,
  parseResidentNumber,
  type ResidentNumberRejectionKind,
  type ValidResidentNumber,
} from './resident-number';

/** 25 November 2026 in the kiosk's time zone (the session gets it from its clock: kiosk/session/commands.ts). */
const options = { today: { year: 2026, month: 11, day: 25 } };

function valid(input: string): ValidResidentNumber {
  const result = parseResidentNumber(input, options);
  if (!result.ok) throw new Error(`expected ${input} to be accepted, got ${result.error.kind}`);
  return result.value;
}

function rejection(input: string): ResidentNumberRejectionKind {
  const result = parseResidentNumber(input, options);
  if (result.ok) throw new Error(`expected ${input} to be rejected`);
  return result.error.kind;
}

describe('ResidentNumber validation', () => {
  it('accepts a citizen number with a correct check digit, with or without the hyphen', () => {
    for (const input of ['900101-1234568', '9001011234568', '900101 1234568']) {
      const { residentNumber, warnings } = valid(input);
      expect(warnings).toEqual([]);
      expect(residentNumber.residency).toBe('citizen');
      expect(residentNumber.forTransmission()).toBe('900101-1234568');
    }
    expect(valid('850315-2345678').warnings).toEqual([]);
    expect(valid('010704-3123451').residentNumber.forTransmission()).toBe('010704-3123451');
    expect(valid('031231-4876547').warnings).toEqual([]);
  });

  it('computes the pre-2020 check digit with weights 2…9,2…5 and (11 − sum mod 11) mod 10', () => {
    // 9·2+0·3+0·4+1·5+0·6+1·7+1·8+2·9+3·2+4·3+5·4+6·5 = 124; 124 mod 11 = 3; (11 − 3) mod 10 = 8
    expect(citizenCheckDigit(Uint8Array.from([9, 0, 0, 1, 0, 1, 1, 2, 3, 4, 5, 6]))).toBe(8);
  });

  it('rejects impossible birth dates for the century the seventh digit gives', () => {
    expect(rejection('990230-1234569')).toBe('birth-date'); // 30 February 1999
    expect(rejection('900231-1234567')).toBe('birth-date');
    expect(rejection('901301-1234567')).toBe('birth-date'); // month 13
    expect(rejection('900100-1234567')).toBe('birth-date'); // day 0
    // 29 February exists in 2000 (digit 3) but not in 1900 (digit 1): the century decides.
    expect(rejection('000229-1234567')).toBe('birth-date');
    expect(valid('000229-3234567').residentNumber.residency).toBe('citizen');
  });

  it('rejects a wrong century digit: not 1–8, or one that puts the birth in the future', () => {
    expect(rejection('900101-0234567')).toBe('century-digit'); // 1800s
    expect(rejection('900101-9234567')).toBe('century-digit');
    expect(rejection('990101-3234567')).toBe('century-mismatch'); // 2099
    expect(rejection('261126-3234567')).toBe('century-mismatch'); // tomorrow
    expect(valid('261125-3234567').residentNumber.residency).toBe('citizen'); // born today
    // The next day in the kiosk's time zone, the same baby's number is valid.
    expect(parseResidentNumber('261126-3234567', { today: { year: 2026, month: 11, day: 26 } }).ok).toBe(true);
  });

  it('rejects anything that is not 13 digits', () => {
    for (const input of ['', '900101-123456', '900101-12345678', '90010a-1234568', '900101--1234568', ' 900101-1234568']) {
      expect(rejection(input)).toBe('format');
    }
  });

  it('only warns about a wrong check digit on numbers issued before October 2020', () => {
    const wrong = valid('900101-1234567'); // check digit should be 8
    expect(wrong.warnings).toEqual([{ kind: 'check-digit' }]);
    expect(wrong.residentNumber.residency).toBe('citizen');
    // Born after 5 Oct 2020: the last six digits are random, no check digit at all.
    for (const last of '0123456789') expect(valid(`211111-312345${last}`).warnings).toEqual([]);
    // The day before the new scheme (5 Oct 2020) still has a check digit; from that day on there is none.
    expect(valid('201004-3123459').warnings).toEqual([]);
    expect(valid('201004-3123450').warnings).toEqual([{ kind: 'check-digit' }]);
    expect(valid('201005-3123450').warnings).toEqual([]);
  });

  it('accepts foreign residents (5–8) and checks their digit in either published form', () => {
    const man1990 = valid('900101-5123452');
    expect(man1990.residentNumber.residency).toBe('foreign-resident');
    expect(man1990.warnings).toEqual([]);
    // Not the citizens' rule alone: that one expects 0 here, and would warn every foreign resident using the other form.
    expect(citizenCheckDigit(Uint8Array.from([9, 0, 0, 1, 0, 1, 5, 1, 2, 3, 4, 5]))).toBe(0);
    expect(foreignCheckDigits(Uint8Array.from([9, 0, 0, 1, 0, 1, 5, 1, 2, 3, 4, 5]))).toEqual([0, 2]);
    expect(valid('880808-6123458').warnings).toEqual([]);
    expect(valid('220303-8123457').warnings).toEqual([]); // born after the reform: no check digit at all
    expect(valid('900101-5123450').warnings).toEqual([]); // the (11 − r) form
    expect(valid('900101-5123455').warnings).toEqual([{ kind: 'check-digit' }]);
    expect(valid('880808-6123458').residentNumber.residency).toBe('foreign-resident');
    expect(valid('050505-7123456').warnings).toEqual([]);
    expect(rejection('990101-7123456')).toBe('century-mismatch');
    expect(rejection('990230-5123456')).toBe('birth-date');
  });
});

describe('ResidentNumber privacy', () => {
  it('shows only the masked form however it is turned into text', () => {
    const { residentNumber } = valid('900101-1234568');
    expect(residentNumber.masked()).toBe('900101-1******');
    expect(String(residentNumber)).toBe('900101-1******');
    expect(`${residentNumber}`).toBe('900101-1******');
    expect(JSON.stringify({ residentNumber })).toBe('{"residentNumber":"900101-1******"}');
    expect(inspect(residentNumber)).toBe('ResidentNumber(900101-1******)');
    expect(inspect({ nested: [residentNumber] }, { depth: 5 })).not.toContain('234568');
    expect(Object.keys(residentNumber)).toEqual(['residency']);
    expect(JSON.stringify(structuredClone(residentNumber))).not.toContain('234568');
  });

  it('wipe() zeroes the digits: afterwards nothing of the number is left', () => {
    const { residentNumber } = valid('900101-1234568');
    const twin = valid('900101-1234568').residentNumber;
    expect(residentNumber.equals(twin)).toBe(true);
    residentNumber.wipe();
    expect(residentNumber.isWiped).toBe(true);
    expect(residentNumber.masked()).toBe('******-*******');
    expect(String(residentNumber)).not.toContain('900101');
    expect(() => residentNumber.forTransmission()).toThrow(/wiped/);
    expect(residentNumber.equals(twin)).toBe(false);
  });

  it('does not keep a reference to the caller’s buffer', () => {
    const typed = Uint8Array.from([9, 0, 0, 1, 0, 1, 1, 2, 3, 4, 5, 6, 8]);
    const { residentNumber } = (() => {
      const result = parseResidentNumber(typed, options);
      if (!result.ok) throw new Error(result.error.kind);
      return result.value;
    })();
    typed.fill(0);
    expect(residentNumber.forTransmission()).toBe('900101-1234568');
  });
});
