import { act, screen, within } from '@testing-library/react';
import { DEFAULT_DISPLAY } from '../../state-machines/view-model';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';

const kioskElement = () => document.querySelector<HTMLElement>('.kiosk');

describe('the frame around every screen', () => {
  it('shows the step indicator with the current step marked in words and form, not colour alone', () => {
    renderKiosk(fixtureView('payment'));
    const steps = screen.getByRole('list', { name: '진행 단계' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['1서류 선택', '2본인 확인', '3결제', '4발급']);
    expect(items[2]).toHaveAttribute('aria-current', 'step');
  });

  it('goes home and back with the bottom bar', async () => {
    const kiosk = renderKiosk(fixtureView('summary'));
    await kiosk.user.click(screen.getByRole('button', { name: '처음으로' }));
    await kiosk.user.click(screen.getByRole('button', { name: '이전' }));
    expect(kiosk.sent).toEqual([{ type: 'home' }, { type: 'back' }]);
  });

  it('sizes everything from the panel’s pixels per millimetre', () => {
    renderKiosk({ ...fixtureView('attract'), kiosk: { ...fixtureView('attract').kiosk, pxPerMm: 4.03 } });
    // 12 mm Hangul glyphs at 4.03 px/mm: 12 × 4.03 / 0.87 = 55.6 → 56 px.
    expect(kioskElement()?.style.getPropertyValue('--text')).toBe('56px');
    expect(kioskElement()?.style.getPropertyValue('--target')).toBe(`${Math.round(26.4 * 4.03)}px`);
  });
});

describe('화면 설정 (display settings), from every screen', () => {
  it.each(['attract', 'choose-document', 'resident-number', 'payment', 'printing', 'closed'] as const)('opens from %s and sends each choice to the session', async (name) => {
    const kiosk = renderKiosk(fixtureView(name));
    await kiosk.user.click(screen.getByRole('button', { name: '화면 설정' }));
    const dialog = screen.getByRole('dialog', { name: '화면 설정' });
    expect(kioskElement()?.querySelector('.frame')).toHaveAttribute('inert');
    await kiosk.user.click(within(dialog).getByRole('button', { name: /크게 보기/ }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: /검은 바탕/ }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: /낮은 화면/ }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: '소리' }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: /음성 안내/ }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: '음량 키우기' }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: '느리게' }));
    expect(kiosk.sent).toEqual([
      { type: 'setDisplay', textScale: 2 },
      { type: 'setDisplay', contrast: 'high-dark' },
      { type: 'setDisplay', lowPosition: true },
      { type: 'setDisplay', voice: { enabled: true } },
      { type: 'setDisplay', voice: { volume: 0.9 } },
      { type: 'setDisplay', voice: { rate: 0.9 } },
    ]);
    await kiosk.user.click(within(dialog).getByRole('button', { name: '닫기' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('applies the display preferences of the view: 200 %, high contrast, low position', () => {
    renderKiosk(fixtureView('choose-document', { display: { textScale: 2, contrast: 'high-light', lowPosition: true } }));
    const kiosk = kioskElement();
    expect(kiosk).toHaveAttribute('data-scale', '2');
    expect(kiosk).toHaveAttribute('data-contrast', 'high-light');
    expect(kiosk).toHaveAttribute('data-low', 'true');
    expect(kiosk?.style.getPropertyValue('--text')).toBe('102px');
    expect(kiosk?.style.getPropertyValue('--fg')).toBe('#000000');
  });

  it('keeps the citizen’s choice itself when the session refuses setDisplay, until the session ends', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'), {
      answer: (command) => (command.type === 'setDisplay' ? { accepted: false, reason: 'not-now', detail: 'no display settings' } : { accepted: true, revision: 1 }),
    });
    await kiosk.user.click(screen.getByRole('button', { name: '화면 설정' }));
    await kiosk.user.click(screen.getByRole('button', { name: /크게 보기/ }));
    expect(kioskElement()).toHaveAttribute('data-scale', '2');
    await kiosk.push(fixtureView('document-options', { revision: 2 }));
    expect(kioskElement()).toHaveAttribute('data-scale', '2');
    await kiosk.push(fixtureView('attract', { revision: 3 }));
    expect(kioskElement()).toHaveAttribute('data-scale', '1');
  });

  it('follows the session when it takes setDisplay', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    await kiosk.user.click(screen.getByRole('button', { name: '화면 설정' }));
    await kiosk.user.click(screen.getByRole('button', { name: /크게 보기/ }));
    expect(kioskElement()).toHaveAttribute('data-scale', '1');
    await kiosk.push(fixtureView('choose-document', { revision: 2, display: { ...DEFAULT_DISPLAY, textScale: 2 } }));
    expect(kioskElement()).toHaveAttribute('data-scale', '2');
  });
});

describe('도움말 (help)', () => {
  it('explains the screen, the keypad and where a person can help, and moves the 200 % extras there', async () => {
    const kiosk = renderKiosk(fixtureView('resident-number', { display: { textScale: 2 } }));
    expect(screen.queryByText('숫자 13자리를 누르세요. 뒷자리는 ●로 가려집니다.')).not.toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: '도움말' }));
    const dialog = screen.getByRole('dialog', { name: '도움말' });
    expect(dialog).toHaveTextContent('숫자 13자리를 누르세요. 뒷자리는 ●로 가려집니다.');
    expect(dialog).toHaveTextContent('주민등록번호 13자리를 숫자 단추로 누르세요.');
    expect(dialog).toHaveTextContent('직원의 도움이 필요하면 민원실 안내 창구에 말씀해 주세요.');
  });
});

describe('the time-out warning', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ['ko', '시간이 더 필요하신가요?', '30초', '29초', '시간 연장'],
    ['en', 'Do you need more time?', '30 s', '29 s', 'More time'],
  ] as const)('counts down over the screen and asks for more time by touch (%s)', async (language, title, first, next, extend) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const kiosk = renderKiosk(fixtureView('timeout', { language }));
    const dialog = screen.getByRole('alertdialog', { name: title });
    expect(within(dialog).getByTestId('countdown')).toHaveTextContent(first);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(within(dialog).getByTestId('countdown')).toHaveTextContent(next);
    await kiosk.user.click(within(dialog).getByRole('button', { name: extend }));
    expect(kiosk.sent).toEqual([{ type: 'extendTime' }]);
    await kiosk.push(fixtureView('choose-document', { language, revision: 2 }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('is spoken when it appears', async () => {
    const voice = { voice: { enabled: true, volume: 1, rate: 1 } };
    const kiosk = renderKiosk(fixtureView('choose-document', { display: voice }));
    await kiosk.push(fixtureView('timeout', { revision: 2, display: voice }));
    expect(kiosk.spoken().slice(-2)).toEqual(['시간이 더 필요하신가요?', '30초 뒤에 처음 화면으로 돌아갑니다. 계속하려면 시간 연장을 누르세요.']);
  });
});
