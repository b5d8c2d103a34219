import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Icon } from './Icon';
import { LargeTextContext } from './large-text';

/**
 * The 12-key layout (ADA §707, KS X 9211; ui.md): 1-2-3 on top, bottom row 전체 지움 · 0 · ← 지움. Never shuffled:
 * a blind citizen learns the positions once, and a shuffled pad would move the raised 5.
 */
export const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

export function DigitKeypad(props: { readonly onDigit: (digit: string) => void; readonly onDelete: () => void; readonly onClear: () => void; readonly className?: string }) {
  const { t } = useTranslation();
  // At 200 % the two action keys show a short word (and say the whole one) to keep the 3 × 4 layout.
  const large = useContext(LargeTextContext);
  return (
    <div className={['keypad', props.className].filter(Boolean).join(' ')} role="group" aria-label={t('keypad.label')}>
      {DIGIT_ROWS.flat().map((digit) => (
        <Button key={digit} className="key digit" onPress={() => props.onDigit(digit)}>
          {digit}
        </Button>
      ))}
      <Button className="key action" onPress={props.onClear} label={large ? t('keypad.clear') : undefined}>
        <Icon name="clear" />
        <span>{large ? t('keypad.clear-short') : t('keypad.clear')}</span>
      </Button>
      <Button className="key digit" onPress={() => props.onDigit('0')}>
        0
      </Button>
      <Button className="key action" onPress={props.onDelete} label={large ? t('keypad.delete-long') : undefined}>
        <Icon name="delete" />
        <span>{large ? t('keypad.delete') : t('keypad.delete-long')}</span>
      </Button>
    </div>
  );
}
