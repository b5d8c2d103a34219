import { inspect } from 'node:util';
import { ResidentNumberEntry } from './entry';

const now = Date.UTC(2026, 10, 25, 1, 0, 0);

function type(entry: ResidentNumberEntry, digits: string): void {
  for (const char of digits) entry.press({ type: 'digit', digit: Number(char) });
}

describe('ResidentNumberEntry (on-screen keypad)', () => {
  it('shows the hyphen at once and masks the back digits after the first', () => {
    const entry = new ResidentNumberEntry();
    expect(entry.display()).toBe('______-_______');
    type(entry, '9001011');
    expect(entry.display()).toBe('900101-1______');
    type(entry, '23');
    expect(entry.display()).toBe('900101-1●●____');
    type(entry, '4568');
    expect(entry.display()).toBe('900101-1●●●●●●');
    expect(entry.isComplete).toBe(true);
  });

  it('speaks digits only through the earphone; the loudspeaker says "입력됨"', () => {
    const entry = new ResidentNumberEntry();
    const feedback = entry.press({ type: 'digit', digit: 7 });
    expect(feedback.speech.earphone).toEqual({ ko: '칠', en: 'seven' });
    expect(feedback.speech.speaker).toEqual({ ko: '입력됨', en: 'entered' });
    expect(JSON.stringify(feedback.speech.speaker)).not.toMatch(/\d|seven/);
  });

  it('erases, clears and refuses a 14th digit', () => {
    const entry = new ResidentNumberEntry();
    expect(entry.press({ type: 'erase' }).accepted).toBe(false);
    type(entry, '9001011234568');
    expect(entry.press({ type: 'digit', digit: 1 }).accepted).toBe(false);
    expect(entry.press({ type: 'erase' }).accepted).toBe(true);
    expect(entry.display()).toBe('900101-1●●●●●_');
    entry.press({ type: 'clear' });
    expect(entry.length).toBe(0);
    expect(entry.display()).toBe('______-_______');
  });

  it('validates on submit and never shows the digits in text, JSON or inspect', () => {
    const entry = new ResidentNumberEntry();
    type(entry, '900101123456');
    const short = entry.submit({ now });
    expect(short.ok ? 'ok' : short.error.kind).toBe('format');
    type(entry, '8');
    const result = entry.submit({ now });
    expect(result.ok && result.value.residentNumber.masked()).toBe('900101-1******');
    for (const text of [String(entry), JSON.stringify(entry), inspect(entry)]) expect(text).not.toContain('234568');
    entry.wipe();
    expect(entry.length).toBe(0);
    expect(entry.submit({ now }).ok).toBe(false);
  });
});
