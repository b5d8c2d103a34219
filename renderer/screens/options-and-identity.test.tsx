import { act, screen, within } from '@testing-library/react';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';

describe('document options', () => {
  it.each([
    ['ko', '주민등록표 등본', '수수료 1통 200원', '과거 주소 변동사항 포함', '예', '확인'],
    ['en', 'Resident registration copy (household)', 'Fee ₩200 per copy', 'Include past address changes', 'Yes', 'OK'],
  ] as const)('shows the fee and each option with its state, and sends changes (%s)', async (language, title, fee, option, yes, confirm) => {
    const kiosk = renderKiosk(fixtureView('document-options', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(fee)).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: new RegExp(option) });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(toggle).toHaveTextContent(yes);
    await kiosk.user.click(toggle);
    await kiosk.user.click(screen.getByRole('button', { name: confirm }));
    expect(kiosk.sent).toEqual([{ type: 'setOption', key: 'includePastAddresses', value: false }, { type: 'confirmOptions' }]);
  });

  it('chooses among choices and steps a year, or types it on the keypad', async () => {
    const kiosk = renderKiosk(fixtureView('document-options-school'));
    await kiosk.user.click(screen.getByRole('button', { name: '중학교' }));
    await kiosk.user.click(screen.getByRole('button', { name: '졸업 연도 늘리기' }));
    await kiosk.user.click(screen.getByRole('button', { name: '직접 입력' }));
    const dialog = screen.getByRole('dialog', { name: '졸업 연도' });
    expect(within(dialog).getByText('1950부터 2026 사이의 숫자를 누르세요.')).toBeInTheDocument();
    const done = within(dialog).getByRole('button', { name: '입력 완료' });
    for (const digit of ['1', '9', '8', '5']) await kiosk.user.click(within(dialog).getByRole('button', { name: digit }));
    expect(done).not.toHaveAttribute('aria-disabled');
    await kiosk.user.click(done);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(kiosk.sent).toEqual([
      { type: 'setOption', key: 'schoolLevel', value: 'middle' },
      { type: 'setOption', key: 'graduationYear', value: 2016 },
      { type: 'setOption', key: 'graduationYear', value: 1985 },
    ]);
  });

  it('types an address on the Korean keyboard and shows what the session found wrong', async () => {
    const kiosk = renderKiosk(fixtureView('document-options-address'));
    expect(screen.getByRole('alert')).toHaveTextContent('꼭 입력해야 합니다.');
    await kiosk.user.click(screen.getByRole('button', { name: '직접 입력' }));
    const dialog = screen.getByRole('dialog', { name: '건축물 소재지' });
    expect(within(dialog).getByText('예: 부산광역시 금정구 부산대학로 63')).toBeInTheDocument();
    for (const key of ['ㄱ', 'ㅡ', 'ㅁ', 'ㅈ', 'ㅓ', 'ㅇ', 'ㄱ', 'ㅜ']) await kiosk.user.click(within(dialog).getByRole('button', { name: key }));
    await kiosk.user.click(within(dialog).getByRole('button', { name: '띄어쓰기' }));
    for (const key of ['6', '3']) await kiosk.user.click(within(dialog).getByRole('button', { name: key }));
    expect(dialog.querySelector('.entry-value')).toHaveTextContent('금정구 63');
    await kiosk.user.click(within(dialog).getByRole('button', { name: '입력 완료' }));
    expect(kiosk.sent).toEqual([{ type: 'setOption', key: 'building', value: '금정구 63' }]);
  });
});

describe('resident registration number', () => {
  it.each([
    ['ko', '주민등록번호를 입력하세요', '13자리 중 9자리', '전체 지움', '지움', '확인'],
    ['en', 'Enter your resident registration number', '9 of 13 digits', 'Clear all', 'Delete', 'OK'],
  ] as const)('sends each key as a command and shows the masked echo (%s)', async (language, title, progress, clear, erase, confirm) => {
    const kiosk = renderKiosk(fixtureView('resident-number', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByTestId('masked-number')).toHaveTextContent('900101-1●●');
    expect(screen.getByRole('status')).toHaveTextContent(progress);
    const keypad = document.querySelector<HTMLElement>('.resident-keypad');
    if (!keypad) throw new Error('no keypad');
    expect([...keypad.querySelectorAll('button')].map((key) => key.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', clear, '0', erase]);
    await kiosk.user.click(within(keypad).getByRole('button', { name: '7' }));
    await kiosk.user.click(within(keypad).getByRole('button', { name: erase }));
    await kiosk.user.click(within(keypad).getByRole('button', { name: clear }));
    const ok = screen.getByRole('button', { name: confirm });
    expect(ok).toHaveAttribute('aria-disabled', 'true');
    await kiosk.user.click(ok);
    expect(kiosk.sent).toEqual([{ type: 'enterDigit', digit: '7' }, { type: 'deleteDigit' }, { type: 'clearDigits' }]);
  });

  it('enables 확인 only when the session says the number is complete, with its warning', async () => {
    const kiosk = renderKiosk(fixtureView('resident-number-complete'));
    expect(screen.getByText('번호를 한 번 더 확인해 주세요. 맞다면 그대로 확인을 누르세요.')).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: '확인' }));
    expect(kiosk.sent).toEqual([{ type: 'confirmResidentNumber' }]);
  });

  it('shows and speaks an error, and says only "입력됨" for a digit', async () => {
    const kiosk = renderKiosk(fixtureView('resident-number-error', { display: { voice: { enabled: true, volume: 1, rate: 1 } } }));
    expect(screen.getByRole('alert')).toHaveTextContent('생년월일이 맞지 않습니다.');
    expect(kiosk.spoken()).toContain('생년월일이 맞지 않습니다. 앞 6자리를 다시 확인해 주세요.');
    const voice = { voice: { enabled: true, volume: 1, rate: 1 } };
    await kiosk.push(fixtureView('resident-number', { revision: 2, display: voice }));
    expect(screen.getByRole('status')).toHaveTextContent('지움 · 13자리 중 9자리');
    await kiosk.push({ ...fixtureView('resident-number', { revision: 3, display: voice }), digitCount: 10, masked: '900101-1●●●___' });
    expect(screen.getByRole('status')).toHaveTextContent('입력됨 · 13자리 중 10자리');
    expect(kiosk.spoken().slice(-2)).toEqual(['지움 · 13자리 중 9자리', '입력됨 · 13자리 중 10자리']);
    for (const text of kiosk.spoken()) expect(text).not.toMatch(/900101|901301/);
  });

  it('takes digits from a numeric keypad that arrives as a keyboard', async () => {
    const kiosk = renderKiosk(fixtureView('resident-number'));
    await act(async () => {
      await kiosk.user.keyboard('4{Backspace}');
    });
    expect(kiosk.sent).toEqual([{ type: 'enterDigit', digit: '4' }, { type: 'deleteDigit' }]);
  });
});

describe('fingerprint', () => {
  it.each([
    ['ko', '지문으로 본인 확인', '오른손 엄지를 화면 아래 지문 인식기에 올려 주세요.', '남은 기회 3번', '본인 확인 그만두기'],
    ['en', 'Confirm with your fingerprint', 'Place your right thumb on the fingerprint reader below the screen.', 'Tries left: 3', 'Stop the identity check'],
  ] as const)('says where to put which finger, how many tries are left, and the way out (%s)', async (language, title, place, attempts, cancel) => {
    const kiosk = renderKiosk(fixtureView('fingerprint', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(place)).toBeInTheDocument();
    expect(screen.getByText(attempts)).toBeInTheDocument();
    expect(document.querySelector('.fingerprint-guide')).toHaveAttribute('aria-hidden', 'true');
    await kiosk.user.click(screen.getByRole('button', { name: cancel }));
    expect(kiosk.sent).toEqual([{ type: 'cancel' }]);
  });

  it.each([
    ['ko', '조금 더 꾹 눌러 주세요.', '다시 하기'],
    ['en', 'Press a little harder.', 'Try again'],
  ] as const)('gives advice after a poor reading and retries (%s)', async (language, advice, retry) => {
    const kiosk = renderKiosk(fixtureView('fingerprint-retry', { language }));
    expect(screen.getByText(advice)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: retry }));
    expect(kiosk.sent).toEqual([{ type: 'retryFingerprint' }]);
  });
});

describe('identity failed', () => {
  it.each([
    ['ko', '지문 확인을 3번 하지 못했습니다.', '신분증을 가지고 민원실 창구로 오시면 발급해 드립니다.', '확인'],
    ['en', 'The fingerprint check failed 3 times.', 'Please bring your ID card to the service counter; the document can be issued there.', 'OK'],
  ] as const)('says what happened and what to do (%s)', async (language, what, todo, ok) => {
    const kiosk = renderKiosk(fixtureView('identity-failed', { language }));
    expect(screen.getByText(what)).toBeInTheDocument();
    expect(screen.getByText(todo)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: ok }));
    expect(kiosk.sent).toEqual([{ type: 'acknowledge' }]);
  });
});
