import { birthDateOf, checkDigit, hasValidCheckDigit, makeResidentNumber } from './resident-number';

describe('resident registration numbers', () => {
  it('computes the check digit with weights 2–9,2–5 and (11 − sum mod 11) mod 10', () => {
    // 8·2+0·3+0·4+1·5+0·6+1·7+1·8+2·9+3·2+4·3+5·4+6·5 = 122; 122 mod 11 = 1; (11 − 1) mod 10 = 0
    expect(checkDigit('800101123456')).toBe(0);
    // 8·2+4·3+0·4+5·5+1·6+7·7+1·8+9·9+2·2+8·3+1·4+8·5 = 269; 269 mod 11 = 5; 11 − 5 = 6
    expect(checkDigit('840517192818')).toBe(6);
    expect(hasValidCheckDigit('800101-1234560')).toBe(true);
    expect(hasValidCheckDigit('800101-1234561')).toBe(false);
  });

  it('sets the gender digit by century and sex', () => {
    expect(makeResidentNumber('1984-05-17', 'M', '92818', '1984-05-17', 0)).toBe('840517-1928186');
    expect(makeResidentNumber('1986-09-02', 'F', '00000', '1986-09-02', 0).charAt(7)).toBe('2');
    expect(makeResidentNumber('2001-04-18', 'M', '00000', '2001-04-18', 0).charAt(7)).toBe('3');
    expect(makeResidentNumber('2001-04-18', 'F', '00000', '2001-04-18', 0).charAt(7)).toBe('4');
  });

  it('gives numbers issued after the October 2020 reform no check digit', () => {
    const before = makeResidentNumber('2020-01-02', 'M', '12345', '2020-01-02', 7);
    const after = makeResidentNumber('2021-06-20', 'M', '12345', '2021-06-20', 7);
    expect(hasValidCheckDigit(before)).toBe(true);
    expect(after.endsWith('7')).toBe(true);
  });

  it('reads the birth date back', () => {
    expect(birthDateOf('840517-1928186')).toBe('1984-05-17');
    expect(birthDateOf('010418-4120941')).toBe('2001-04-18');
    expect(birthDateOf('nonsense')).toBeNull();
  });
});
