import { maskResidentNumber, residentNumberPrinter } from './masking';

describe('resident number masking', () => {
  it('keeps the birth date and the sex digit, hides the rest', () => {
    expect(maskResidentNumber('900101-1234567')).toBe('900101-1******');
  });

  it('hides every digit of something that is not a resident number rather than leak it', () => {
    expect(maskResidentNumber('9001011234567')).toBe('*************');
  });

  it('prints in full only when the citizen asked', () => {
    expect(residentNumberPrinter(false)('900101-1234567')).toBe('900101-1234567');
    expect(residentNumberPrinter(true)('900101-1234567')).toBe('900101-1******');
  });
});
