import en from '../../renderer/i18n/en.json';
import ko from '../../renderer/i18n/ko.json';
import { formatResidentNumber, keypadVerdict, maskResidentNumber, RESIDENT_NUMBER_MESSAGE_KEYS } from './resident-number';

/**
 * The resident number as the session judges it on its keypad: the same calls the machine's `enterDigit` makes, so
 * these cases run through the kiosk's one validator (kiosk/identity/resident-number.ts, whose own tests cover the
 * parsing and the privacy of a `ResidentNumber`).
 */
const today = { year: 2026, month: 11, day: 25 };
const verdict = (digits: string) => keypadVerdict(digits, today);
const fine = { errorKey: null, warningKey: null };
const error = (errorKey: string) => ({ errorKey, warningKey: null });
const warning = { errorKey: null, warningKey: 'resident.check-digit' };

describe('the resident number on the session keypad', () => {
  it('says nothing until the 13th digit', () => {
    expect(verdict('')).toEqual(fine);
    expect(verdict('990230')).toEqual(fine); // an impossible date is not judged before the number is complete
    expect(verdict('900101123456')).toEqual(fine);
  });

  it('accepts a valid citizen number without a word', () => {
    expect(verdict('9001011234568')).toEqual(fine);
    expect(verdict('8503152345678')).toEqual(fine);
    expect(verdict('0107043123451')).toEqual(fine);
  });

  it('refuses impossible dates for the century the seventh digit gives', () => {
    expect(verdict('9902301234569')).toEqual(error('resident.invalid-date')); // 30 February 1999
    expect(verdict('9013011234567')).toEqual(error('resident.invalid-date')); // month 13
    expect(verdict('9001001234567')).toEqual(error('resident.invalid-date')); // day 0
    // 1900 was not a leap year, 2000 was: the same six digits are a real date only with a 2000s digit.
    expect(verdict('0002291234567')).toEqual(error('resident.invalid-date'));
    expect(verdict('0002293234563')).toEqual(fine);
  });

  it('refuses a wrong century (gender) digit: 0 and 9, or one that puts the birth in the future', () => {
    expect(verdict('9001010234567')).toEqual(error('resident.invalid-gender-digit'));
    expect(verdict('9001019234567')).toEqual(error('resident.invalid-gender-digit'));
    expect(verdict('9901013234567')).toEqual(error('resident.century-mismatch')); // 2099
    expect(verdict('2611263234567')).toEqual(error('resident.century-mismatch')); // tomorrow
    expect(verdict('2611253234567')).toEqual(fine); // born today
  });

  it('warns, and only warns, about a wrong check digit on numbers issued before October 2020', () => {
    expect(verdict('9001011234567')).toEqual(warning); // the check digit is 8
    expect(verdict('2010043123450')).toEqual(warning); // 4 October 2020: still the old scheme
  });

  it('does not warn about the last digit of numbers issued since 5 October 2020 (it is random)', () => {
    for (const last of '0123456789') expect(verdict(`211111312345${last}`)).toEqual(fine);
    expect(verdict('2010053123450')).toEqual(fine);
    expect(verdict('2302284987654')).toEqual(fine);
  });

  it('accepts foreign residents (5–8) by their own rule, not the citizens’ check digit', () => {
    expect(verdict('9001015123452')).toEqual(fine); // the (13 − r) form: a citizen's rule would warn here
    expect(verdict('9001015123450')).toEqual(fine); // the (11 − r) form
    expect(verdict('9001015123455')).toEqual(warning); // neither form
    expect(verdict('8808086123458')).toEqual(fine);
    expect(verdict('0505057123456')).toEqual(fine);
    expect(verdict('2203038123457')).toEqual(fine); // born after the reform: no check digit at all
    expect(verdict('9902305123456')).toEqual(error('resident.invalid-date'));
    expect(verdict('9901017123456')).toEqual(error('resident.century-mismatch'));
  });

  it('refuses anything but digits, as a programmer error (the API admits single digits only)', () => {
    expect(() => verdict('90010a')).toThrow();
    expect(() => verdict('90010112345678')).toThrow();
  });

  it('names only keys that both renderer catalogues hold', () => {
    expect(RESIDENT_NUMBER_MESSAGE_KEYS).toHaveLength(4);
    for (const key of RESIDENT_NUMBER_MESSAGE_KEYS) {
      expect([key, key in ko, key in en]).toEqual([key, true, true]);
    }
  });

  it('is masked on screen after the seventh digit, with blanks still to come', () => {
    expect(maskResidentNumber('')).toBe('______-_______');
    expect(maskResidentNumber('9001')).toBe('9001__-_______');
    expect(maskResidentNumber('9001011')).toBe('900101-1______');
    expect(maskResidentNumber('90010112')).toBe('900101-1●_____');
    expect(maskResidentNumber('9001011234568')).toBe('900101-1●●●●●●');
    expect(formatResidentNumber('9001011234568')).toBe('900101-1234568');
  });
});
