import type { LocalizedText } from '../../catalog/types';
import type { Result } from '../../common/result';
import {
  parseResidentNumber,
  RESIDENT_NUMBER_DIGITS,
  type ParseOptions,
  type ResidentNumberRejection,
  type ValidResidentNumber,
} from './resident-number';

/**
 * The resident number as the citizen types it on the on-screen keypad (or the tactile keypad's digits), held in a
 * byte buffer in the main process — never in the renderer, which only receives `display()` (ui.md: automatic hyphen,
 * the back six digits masked with ● after the first, never the digits themselves).
 *
 * Privacy of speech (ui.md): digits are spoken only through the earphone; the loudspeaker says "입력됨".
 */
export type EntryKey = { readonly type: 'digit'; readonly digit: number } | { readonly type: 'erase' } | { readonly type: 'clear' };

/** Where voice guidance goes: the citizen's earphone (private) or the kiosk's loudspeaker (everyone hears). */
export type AudioChannel = 'earphone' | 'speaker';

export type EntryFeedback = {
  /** False when the key did nothing (a 14th digit, erase on an empty field). */
  readonly accepted: boolean;
  /** What to say after the key press, per channel. */
  readonly speech: Readonly<Record<AudioChannel, LocalizedText>>;
};

const DIGIT_NAMES: readonly LocalizedText[] = [
  { ko: '공', en: 'zero' },
  { ko: '일', en: 'one' },
  { ko: '이', en: 'two' },
  { ko: '삼', en: 'three' },
  { ko: '사', en: 'four' },
  { ko: '오', en: 'five' },
  { ko: '육', en: 'six' },
  { ko: '칠', en: 'seven' },
  { ko: '팔', en: 'eight' },
  { ko: '구', en: 'nine' },
];
const ENTERED: LocalizedText = { ko: '입력됨', en: 'entered' };
const ERASED: LocalizedText = { ko: '지움', en: 'deleted' };
const CLEARED: LocalizedText = { ko: '전체 지움', en: 'all cleared' };
const FULL: LocalizedText = { ko: '13자리를 모두 입력했습니다', en: 'all 13 digits entered' };
const EMPTY: LocalizedText = { ko: '입력된 숫자가 없습니다', en: 'nothing to delete' };

const PLACEHOLDER = '_';
const MASK = '●';

export class ResidentNumberEntry {
  readonly #digits = new Uint8Array(RESIDENT_NUMBER_DIGITS);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  get isComplete(): boolean {
    return this.#length === RESIDENT_NUMBER_DIGITS;
  }

  press(key: EntryKey): EntryFeedback {
    switch (key.type) {
      case 'digit': {
        if (!Number.isInteger(key.digit) || key.digit < 0 || key.digit > 9) {
          throw new Error(`not a digit: ${key.digit}`);
        }
        if (this.isComplete) return { accepted: false, speech: { earphone: FULL, speaker: FULL } };
        this.#digits[this.#length++] = key.digit;
        const name = DIGIT_NAMES[key.digit]!;
        return { accepted: true, speech: { earphone: name, speaker: ENTERED } };
      }
      case 'erase': {
        if (this.#length === 0) return { accepted: false, speech: { earphone: EMPTY, speaker: EMPTY } };
        this.#digits[--this.#length] = 0;
        return { accepted: true, speech: { earphone: ERASED, speaker: ERASED } };
      }
      case 'clear':
        this.wipe();
        return { accepted: true, speech: { earphone: CLEARED, speaker: CLEARED } };
    }
  }

  /** `900101-1●●____`: typed digits of the front part and the seventh, ● for the rest typed, _ for what is missing. */
  display(): string {
    let text = '';
    for (let i = 0; i < RESIDENT_NUMBER_DIGITS; i++) {
      if (i === 6) text += '-';
      if (i >= this.#length) text += PLACEHOLDER;
      else if (i <= 6) text += String(this.#digits[i]);
      else text += MASK;
    }
    return text;
  }

  /** Validate what was typed. The entry keeps its digits (the citizen may correct them); wipe it when done. */
  submit(options: ParseOptions): Result<ValidResidentNumber, ResidentNumberRejection> {
    return parseResidentNumber(this.#digits.subarray(0, this.#length), options);
  }

  wipe(): void {
    this.#digits.fill(0);
    this.#length = 0;
  }

  toString(): string {
    return this.display();
  }

  toJSON(): string {
    return this.display();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ResidentNumberEntry(${this.display()})`;
  }
}
