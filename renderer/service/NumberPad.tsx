import type { Lang } from './i18n';
import { translate } from './i18n';

/** A numeric keypad for a touch screen: the kiosk has no keyboard, and a technician may wear gloves. */
export function NumberPad({ value, onChange, lang, maxLength = 12, masked = false, label }: {
  value: string;
  onChange(value: string): void;
  lang: Lang;
  maxLength?: number;
  masked?: boolean;
  label: string;
}) {
  const press = (digit: string) => {
    if (value.length < maxLength) onChange(value + digit);
  };
  return (
    <div className="numpad" role="group" aria-label={label}>
      <output className="numpad-value" aria-live="polite" aria-label={label}>
        {masked ? '●'.repeat(value.length) : value || '\u00a0'}
      </output>
      <div className="numpad-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} type="button" onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" onClick={() => onChange('')}>
          {translate(lang, 'clear')}
        </button>
        <button type="button" onClick={() => press('0')}>
          0
        </button>
        <button type="button" onClick={() => onChange(value.slice(0, -1))}>
          {translate(lang, 'erase')}
        </button>
      </div>
    </div>
  );
}
