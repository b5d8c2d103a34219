import { checkDigitMatches, checkResidentNumber, formatResidentNumber, maskResidentNumber } from './resident-number';

const today = { year: 2026, month: 11, day: 25 };

describe('the resident number on the keypad', () => {
  it('is incomplete until the 13th digit', () => {
    expect(checkResidentNumber('', today)).toEqual({ kind: 'incomplete' });
    expect(checkResidentNumber('900101123456', today)).toEqual({ kind: 'incomplete' });
  });

  it('accepts a valid number and says whether the pre-2020 check digit matches', () => {
    expect(checkDigitMatches('9001011234568')).toBe(true);
    expect(checkResidentNumber('9001011234568', today)).toEqual({ kind: 'valid', checkDigitMismatch: false });
    // Numbers issued since October 2020 have no check digit: a mismatch is only a warning.
    expect(checkResidentNumber('9001011234567', today)).toEqual({ kind: 'valid', checkDigitMismatch: true });
  });

  it('takes the century from the gender digit, foreign residents included', () => {
    expect(checkResidentNumber('0502293123456', today)).toMatchObject({ kind: 'invalid', problem: 'invalid-date' }); // 2005 is not a leap year
    expect(checkResidentNumber('0402293123456', today)).toMatchObject({ kind: 'valid' }); // 2004-02-29
    // 1900 was not a leap year, 2000 was: the same digits are valid only with a 2000s gender digit.
    expect(checkResidentNumber('0002292123456', today)).toEqual({ kind: 'invalid', problem: 'invalid-date' });
    expect(checkResidentNumber('0002294123456', today)).toMatchObject({ kind: 'valid' });
  });

  it('rejects impossible dates, future births and gender digits 0 and 9', () => {
    expect(checkResidentNumber('9013011234567', today)).toEqual({ kind: 'invalid', problem: 'invalid-date' });
    expect(checkResidentNumber('9002301234567', today)).toEqual({ kind: 'invalid', problem: 'invalid-date' });
    expect(checkResidentNumber('2701013234567', today)).toEqual({ kind: 'invalid', problem: 'invalid-date' });
    expect(checkResidentNumber('9001019234567', today)).toEqual({ kind: 'invalid', problem: 'invalid-gender-digit' });
    expect(checkResidentNumber('9001010234567', today)).toEqual({ kind: 'invalid', problem: 'invalid-gender-digit' });
    expect(checkResidentNumber('9001015234567', today)).toMatchObject({ kind: 'valid' });
  });

  it('refuses anything but digits, as a programmer error', () => {
    expect(() => checkResidentNumber('90010a', today)).toThrow();
    expect(() => checkResidentNumber('90010112345678', today)).toThrow();
  });

  it('is masked on screen after the gender digit, with blanks still to come', () => {
    expect(maskResidentNumber('')).toBe('______-_______');
    expect(maskResidentNumber('9001')).toBe('9001__-_______');
    expect(maskResidentNumber('9001011')).toBe('900101-1______');
    expect(maskResidentNumber('9001011234568')).toBe('900101-1●●●●●●');
    expect(formatResidentNumber('9001011234568')).toBe('900101-1234568');
  });
});
