import { act, screen } from '@testing-library/react';
import type { NavigationKey, ViewModel } from '../../state-machines/view-model';
import { fixtureView, type FixtureName } from '../fixtures/views';
import { renderKiosk, type RenderedKiosk } from '../test-utils';

const VOICE_ON = { voice: { enabled: true, volume: 0.8, rate: 1 } };

/** Presses keys of the accessible keypad the way the kiosk service reports them: new pulses in new views. */
function keypad(kiosk: RenderedKiosk, name: FixtureName, options: Parameters<typeof fixtureView>[1] = {}) {
  let sequence = 0;
  let revision = 1;
  let base: ViewModel = fixtureView(name, options);
  return {
    async press(...keys: NavigationKey[]) {
      for (const key of keys) {
        sequence += 1;
        revision += 1;
        await kiosk.push({ ...base, revision, keypad: { sequence, key } });
      }
    },
    async show(next: ViewModel) {
      revision += 1;
      base = next;
      await kiosk.push({ ...next, revision, keypad: sequence > 0 ? { sequence, key: 'select' } : null });
    },
  };
}

const focused = () => document.activeElement?.textContent;

describe('voice guidance', () => {
  it('speaks a new screen from the top: its title, then what it shows, in order', () => {
    const kiosk = renderKiosk(fixtureView('payment', { display: VOICE_ON }));
    expect(kiosk.spoken()).toEqual([
      '수수료를 내 주세요',
      '낼 돈 1,100원',
      '넣은 돈 1,000원',
      '남은 돈 100원',
      '지폐를 넣어 주세요.',
      '불이 켜진 지폐 투입구에 넣어 주세요',
      '넣을 수 있는 지폐: 1,000원, 5,000원, 10,000원',
      '동전은 넣을 수 없습니다',
    ]);
    expect(kiosk.speaker.spoken.every((utterance) => utterance.lang === 'ko-KR' && utterance.volume === 0.8 && utterance.rate === 1)).toBe(true);
  });

  it('speaks what changed on the same screen, and a new screen interrupts', async () => {
    const kiosk = renderKiosk(fixtureView('payment', { display: VOICE_ON }));
    const before = kiosk.spoken().length;
    const stops = kiosk.speaker.stops;
    await kiosk.push({ ...fixtureView('payment', { display: VOICE_ON, revision: 2 }), inserted: 2000, remaining: 0, changeToCome: 900, phase: 'paid' });
    expect(kiosk.spoken().slice(before)).toEqual(['넣은 돈 2,000원', '남은 돈 0원', '거스름돈 900원은 발급이 끝나면 동전으로 드립니다.', '결제가 끝났습니다. 서류를 인쇄합니다.']);
    expect(kiosk.speaker.stops).toBe(stops);
    await kiosk.push(fixtureView('printing', { display: VOICE_ON, revision: 3 }));
    expect(kiosk.speaker.stops).toBe(stops + 1);
    expect(kiosk.spoken()).toContain('서류를 인쇄하고 있습니다');
  });

  it('says nothing while voice is off, and the whole screen when it is turned on', async () => {
    const kiosk = renderKiosk(fixtureView('fingerprint'));
    expect(kiosk.spoken()).toEqual([]);
    await kiosk.push(fixtureView('fingerprint', { revision: 2, display: VOICE_ON }));
    expect(kiosk.spoken()).toEqual([
      '지문으로 본인 확인',
      '오른손 엄지를 화면 아래 지문 인식기에 올려 주세요.',
      '남은 기회 3번',
      '지문 확인이 어려우면 취소하고 민원실 창구를 이용하세요.',
    ]);
  });

  it('speaks English screens with an English voice, and each language button in its own', async () => {
    const kiosk = renderKiosk(fixtureView('attract', { language: 'en', display: VOICE_ON }));
    expect(kiosk.speaker.spoken[0]).toMatchObject({ text: 'Civil Document Kiosk', lang: 'en-US' });
    await kiosk.user.click(screen.getByRole('button', { name: '한국어' }));
    expect(kiosk.speaker.spoken.at(-1)).toMatchObject({ text: '한국어', lang: 'ko-KR' });
  });
});

describe('the accessible keypad', () => {
  it('moves through every control in reading order, speaking each, and presses the focused one', async () => {
    const kiosk = renderKiosk(fixtureView('attract', { display: VOICE_ON }));
    const keys = keypad(kiosk, 'attract', { display: VOICE_ON });
    const start = kiosk.spoken().length;
    await keys.press('down', 'down', 'down', 'right');
    expect(kiosk.spoken().slice(start)).toEqual(['화면을 눌러 시작하세요', '한국어', 'English', '크게 보기']);
    await keys.press('up', 'left');
    expect(focused()).toBe('한국어');
    await keys.press('select');
    expect(kiosk.sent).toEqual([{ type: 'chooseLanguage', language: 'ko' }]);
  });

  it('wraps round from the last control to the first', async () => {
    const kiosk = renderKiosk(fixtureView('thank-you'));
    const keys = keypad(kiosk, 'thank-you');
    await keys.press('up');
    expect(focused()).toBe('화면 설정');
    await keys.press('down');
    expect(focused()).toBe('끝내기');
  });

  it('takes "back" for the bar’s 이전, and closes a dialog first', async () => {
    const kiosk = renderKiosk(fixtureView('summary'));
    const keys = keypad(kiosk, 'summary');
    await act(async () => screen.getByRole('button', { name: '화면 설정' }).click());
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await keys.press('back');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await keys.press('back');
    expect(kiosk.sent).toEqual([{ type: 'back' }]);
  });

  it('keeps the focus inside an open dialog', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    const keys = keypad(kiosk, 'choose-document');
    await act(async () => screen.getByRole('button', { name: '도움말' }).click());
    const dialog = screen.getByRole('dialog');
    for (let i = 0; i < 6; i++) {
      await keys.press('down');
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });

  it('turns voice on with the help key and speaks the help', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    const keys = keypad(kiosk, 'choose-document');
    await keys.press('help');
    expect(kiosk.sent).toEqual([{ type: 'setDisplay', voice: { enabled: true } }]);
    expect(screen.getByRole('dialog', { name: '도움말' })).toBeInTheDocument();
    // The session answers with voice on.
    await keys.show(fixtureView('choose-document', { display: VOICE_ON }));
    expect(kiosk.spoken()).toContain('발급할 서류를 누르세요. 찾는 서류가 없으면 분야별 전체 보기나 첫 글자로 찾기를 누르세요.');
  });

  it('changes volume and rate with their keys', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document', { display: VOICE_ON }));
    const keys = keypad(kiosk, 'choose-document', { display: VOICE_ON });
    await keys.press('volume-up', 'rate-down');
    expect(kiosk.sent).toEqual([
      { type: 'setDisplay', voice: { volume: 0.9 } },
      { type: 'setDisplay', voice: { rate: 0.9 } },
    ]);
  });

  it('answers the time-out warning from the keypad', async () => {
    const kiosk = renderKiosk(fixtureView('timeout', { display: VOICE_ON }));
    const keys = keypad(kiosk, 'timeout', { display: VOICE_ON });
    await keys.press('down');
    expect(focused()).toBe('시간 연장');
    expect(kiosk.spoken().at(-1)).toBe('시간 연장');
    await keys.press('select');
    expect(kiosk.sent).toEqual([{ type: 'extendTime' }]);
  });

  it('enters a resident number by keypad alone, hearing the keys but never the number', async () => {
    const kiosk = renderKiosk(fixtureView('resident-number', { display: VOICE_ON }));
    const keys = keypad(kiosk, 'resident-number', { display: VOICE_ON });
    await keys.press('down', 'down', 'select');
    expect(kiosk.sent).toEqual([{ type: 'enterDigit', digit: '2' }]);
    expect(kiosk.spoken().slice(-2)).toEqual(['1', '2']);
    await keys.show({ ...fixtureView('resident-number', { display: VOICE_ON }), digitCount: 10, masked: '900101-1●●●___' });
    expect(kiosk.spoken().at(-1)).toBe('입력됨 · 13자리 중 10자리');
  });

  it('ignores a pulse that was already there when the page loaded', () => {
    const kiosk = renderKiosk({ ...fixtureView('attract'), keypad: { sequence: 41, key: 'select' } });
    expect(kiosk.sent).toEqual([]);
    expect(document.activeElement).toBe(document.body);
  });
});
