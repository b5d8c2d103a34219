/**
 * Hangul composition for the on-screen keyboard (두벌식, the standard Korean layout): the keyboard keeps the keys
 * pressed and shows them composed into syllables, so "← 지움" takes back one key (one jamo), as on a phone.
 * A syllable is U+AC00 + (initial × 21 + medial) × 28 + final (Unicode, Hangul Syllables block).
 */
const INITIALS = ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const MEDIALS = ['ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ'];
const FINALS = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const COMPOUND_MEDIALS: Readonly<Record<string, string>> = { ㅗㅏ: 'ㅘ', ㅗㅐ: 'ㅙ', ㅗㅣ: 'ㅚ', ㅜㅓ: 'ㅝ', ㅜㅔ: 'ㅞ', ㅜㅣ: 'ㅟ', ㅡㅣ: 'ㅢ' };
const COMPOUND_FINALS: Readonly<Record<string, string>> = {
  ㄱㅅ: 'ㄳ',
  ㄴㅈ: 'ㄵ',
  ㄴㅎ: 'ㄶ',
  ㄹㄱ: 'ㄺ',
  ㄹㅁ: 'ㄻ',
  ㄹㅂ: 'ㄼ',
  ㄹㅅ: 'ㄽ',
  ㄹㅌ: 'ㄾ',
  ㄹㅍ: 'ㄿ',
  ㄹㅎ: 'ㅀ',
  ㅂㅅ: 'ㅄ',
};

export const isConsonant = (key: string) => INITIALS.includes(key);
export const isVowel = (key: string) => MEDIALS.includes(key);

type Syllable = { initial: string | null; medial: string | null; final: string[] };

function render(syllable: Syllable): string {
  const { initial, medial, final } = syllable;
  const finalJamo = final.length === 2 ? (COMPOUND_FINALS[final.join('')] ?? '') : (final[0] ?? '');
  if (initial && medial) {
    const code = 0xac00 + (INITIALS.indexOf(initial) * 21 + MEDIALS.indexOf(medial)) * 28 + FINALS.indexOf(finalJamo);
    return String.fromCodePoint(code);
  }
  return (initial ?? '') + (medial ?? '') + finalJamo;
}

/** The text that a sequence of keys (jamo, digits, symbols) types. */
export function composeHangul(keys: readonly string[]): string {
  let text = '';
  let current: Syllable | null = null;
  const flush = () => {
    if (current) text += render(current);
    current = null;
  };
  for (const key of keys) {
    if (isConsonant(key)) {
      if (current && current.initial && current.medial) {
        const canEnd = FINALS.includes(key);
        if (current.final.length === 0 && canEnd) {
          current.final = [key];
          continue;
        }
        if (current.final.length === 1 && COMPOUND_FINALS[`${current.final[0]}${key}`]) {
          current.final = [current.final[0] ?? '', key];
          continue;
        }
      }
      flush();
      current = { initial: key, medial: null, final: [] };
    } else if (isVowel(key)) {
      if (current && current.medial === null && current.initial) {
        current.medial = key;
        continue;
      }
      if (current && current.medial && current.final.length === 0 && COMPOUND_MEDIALS[`${current.medial}${key}`]) {
        current.medial = COMPOUND_MEDIALS[`${current.medial}${key}`] ?? key;
        continue;
      }
      if (current && current.initial && current.medial && current.final.length > 0) {
        // The last final consonant moves over to begin the next syllable: 각 + ㅏ → 가가.
        const moved: string | null = current.final.pop() ?? null;
        flush();
        current = { initial: moved, medial: key, final: [] };
        continue;
      }
      flush();
      current = { initial: null, medial: key, final: [] };
    } else {
      flush();
      text += key;
    }
  }
  flush();
  return text;
}
