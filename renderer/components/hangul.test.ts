import { composeHangul } from './hangul';

const keys = (text: string) => [...text];

describe('Hangul composition of the on-screen keyboard', () => {
  it.each([
    ['ㅎㅏㄴㄱㅡㄹ', '한글'],
    ['ㄱㅡㅁㅈㅓㅇㄱㅜ', '금정구'],
    ['ㅈㅏㅇㅈㅓㄴㄷㅗㅇ 123-4', '장전동 123-4'],
    ['12ㄱㅏ3456', '12가3456'],
    ['ㅂㅜㅅㅏㄴㄷㅐㅎㅏㄱㄹㅗ', '부산대학로'],
    ['ㄱㅘㅇㅇㅕㄱㅅㅣ', '광역시'],
    ['ㄷㅏㄹㄱ', '닭'],
    ['ㄷㅏㄹㄱㅇㅣ', '닭이'],
    ['ㅇㅣㄹㄱㅓ', '일거'],
    ['ㄱㅏㄱㅏ', '가가'],
    ['ㅇㅜㅣ', '위'],
    ['ㅃㅏㅃ', '빠ㅃ'],
    ['ㅏ', 'ㅏ'],
    ['ㄱ', 'ㄱ'],
  ])('%s → %s', (typed, expected) => {
    expect(composeHangul(keys(typed))).toBe(expected);
  });

  it('takes back one key at a time', () => {
    const typed = keys('ㅎㅏㄴ');
    expect(composeHangul(typed.slice(0, 2))).toBe('하');
    expect(composeHangul(typed.slice(0, 1))).toBe('ㅎ');
  });
});
