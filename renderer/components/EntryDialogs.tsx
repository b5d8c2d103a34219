import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { DigitKeypad } from './DigitKeypad';
import { composeHangul } from './hangul';

/** Keys of the on-screen Korean keyboard, in three sets: consonants (with the doubled ones), vowels, digits. */
export const KEY_SETS = {
  consonants: ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ', 'ㄲ', 'ㄸ', 'ㅃ', 'ㅆ', 'ㅉ'],
  vowels: ['ㅏ', 'ㅑ', 'ㅓ', 'ㅕ', 'ㅗ', 'ㅛ', 'ㅜ', 'ㅠ', 'ㅡ', 'ㅣ', 'ㅐ', 'ㅒ', 'ㅔ', 'ㅖ'],
  digits: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '.', '(', ')'],
} as const;
export type KeySet = keyof typeof KEY_SETS;
const SET_KEYS = { consonants: 'keyboard.consonants', vowels: 'keyboard.vowels', digits: 'keyboard.digits' } as const;

/**
 * Typing a parcel or building address or a plate number. At normal size every key is on one screen; at 200 % one
 * set at a time (consonants, vowels, digits), chosen by tabs, so that keys keep their 12 mm.
 */
export function TextEntryDialog(props: {
  readonly title: string;
  readonly example: string;
  readonly maxLength: number;
  readonly initial: string;
  readonly large: boolean;
  readonly onDone: (value: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [base, setBase] = useState(props.initial);
  const [keys, setKeys] = useState<readonly string[]>([]);
  const [set, setSet] = useState<KeySet>('consonants');
  const value = base + composeHangul(keys);
  const type = (key: string) => {
    if ((base + composeHangul([...keys, key])).length <= props.maxLength) setKeys([...keys, key]);
  };
  const erase = () => {
    if (keys.length > 0) setKeys(keys.slice(0, -1));
    else setBase(base.slice(0, -1));
  };
  const shownSets: readonly KeySet[] = props.large ? [set] : ['consonants', 'vowels', 'digits'];
  return (
    <Dialog title={props.title} onClose={props.onCancel} className="entry-dialog">
      <p className="entry-example" data-speak="">
        {t('options.example', { example: props.example })}
      </p>
      <p className="entry-value" data-speak="live" aria-live="polite">
        {value === '' ? t('options.empty') : value}
      </p>
      {props.large ? (
        <div className="button-row key-set-tabs">
          {(Object.keys(KEY_SETS) as KeySet[]).map((candidate) => (
            <Button key={candidate} pressed={candidate === set} onPress={() => setSet(candidate)}>
              {t(SET_KEYS[candidate])}
            </Button>
          ))}
        </div>
      ) : null}
      {shownSets.map((shown) => (
        <div key={shown} className="keyboard" role="group" aria-label={t(SET_KEYS[shown])}>
          {KEY_SETS[shown].map((key) => (
            <Button key={key} className="key" lang="ko" onPress={() => type(key)}>
              {key}
            </Button>
          ))}
        </div>
      ))}
      <div className="button-row keyboard-actions">
        <Button onPress={() => type(' ')}>{t('keyboard.space')}</Button>
        <Button onPress={erase}>{t('keypad.delete-long')}</Button>
        {/* At 200 % the row keeps two keys; "지움" and "취소" still empty the field. */}
        {props.large ? null : (
          <Button
            onPress={() => {
              setBase('');
              setKeys([]);
            }}
          >
            {t('keypad.clear')}
          </Button>
        )}
      </div>
      <div className="button-row dialog-actions">
        <Button onPress={props.onCancel}>{t('common.cancel')}</Button>
        <Button variant="primary" onPress={() => props.onDone(value.trim())}>
          {t('common.done')}
        </Button>
      </div>
    </Dialog>
  );
}

export function NumberEntryDialog(props: {
  readonly title: string;
  readonly min: number;
  readonly max: number;
  readonly onDone: (value: number) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [digits, setDigits] = useState('');
  const maxDigits = String(props.max).length;
  const value = Number(digits);
  const valid = digits !== '' && value >= props.min && value <= props.max;
  return (
    <Dialog title={props.title} onClose={props.onCancel} className="entry-dialog">
      <p data-speak="">{t('options.range', { min: props.min, max: props.max })}</p>
      <p className="entry-value amount" data-speak="live" aria-live="polite">
        {digits === '' ? t('options.empty') : digits}
      </p>
      <DigitKeypad
        onDigit={(digit) => setDigits(digits.length < maxDigits ? digits + digit : digits)}
        onDelete={() => setDigits(digits.slice(0, -1))}
        onClear={() => setDigits('')}
      />
      <div className="button-row dialog-actions">
        <Button onPress={props.onCancel}>{t('common.cancel')}</Button>
        <Button variant="primary" disabled={!valid} onPress={() => props.onDone(value)}>
          {t('common.done')}
        </Button>
      </div>
    </Dialog>
  );
}
