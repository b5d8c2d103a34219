import { screen } from '@testing-library/react';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';

describe('attract', () => {
  it.each([
    ['ko', '무인민원발급기', '금정구청 민원실', '운영 시간 08:30–24:00', '발급 가능한 서류 29종', '화면을 눌러 시작하세요', '크게 보기'],
    ['en', 'Civil Document Kiosk', 'Geumjeong-gu Office, Citizen Hall', 'Open 08:30–24:00', 'Documents available: 29', 'Touch here to start', 'Large text'],
  ] as const)('shows where, when and how many documents, and starts on a touch (%s)', async (language, title, site, hours, count, touch, large) => {
    const kiosk = renderKiosk(fixtureView('attract', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(site)).toBeInTheDocument();
    expect(screen.getByText(hours)).toBeInTheDocument();
    expect(screen.getByText(count)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: touch }));
    await kiosk.user.click(screen.getByRole('button', { name: 'English' }));
    await kiosk.user.click(screen.getByRole('button', { name: large }));
    expect(kiosk.sent).toEqual([{ type: 'touch' }, { type: 'chooseLanguage', language: 'en' }, { type: 'setDisplay', textScale: 2 }]);
  });

  it('offers each language in its own language and script', () => {
    renderKiosk(fixtureView('attract', { language: 'en' }));
    expect(screen.getByRole('button', { name: '한국어' })).toHaveAttribute('lang', 'ko');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('lang', 'en');
  });

  it('has nothing to go home or back to', () => {
    renderKiosk(fixtureView('attract'));
    expect(screen.getByRole('button', { name: '처음으로' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: '이전' })).toHaveAttribute('aria-disabled', 'true');
  });
});

describe('language', () => {
  it.each(['ko', 'en'] as const)('chooses a language (%s)', async (language) => {
    const kiosk = renderKiosk(fixtureView('language', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(language === 'ko' ? '언어를 고르세요' : 'Choose your language');
    await kiosk.user.click(screen.getByRole('button', { name: '한국어' }));
    await kiosk.user.click(screen.getByRole('button', { name: language === 'ko' ? '이전' : 'Back' }));
    expect(kiosk.sent).toEqual([{ type: 'chooseLanguage', language: 'ko' }, { type: 'back' }]);
  });
});

describe('closed', () => {
  it.each([
    ['ko', '운영 시간이 아닙니다', '오늘 운영 시간: 08:30–24:00', '다시 여는 시각: 08:30', 'The kiosk cannot be used now.'],
    ['en', 'The kiosk is closed', "Today's opening hours: 08:30–24:00", 'Opens again at 08:30', '지금은 발급기를 이용할 수 없습니다.'],
  ] as const)('shows the hours, when it opens again, and the other language too (%s)', (language, title, hours, reopens, other) => {
    renderKiosk(fixtureView('closed', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(hours)).toBeInTheDocument();
    expect(screen.getByText(reopens)).toBeInTheDocument();
    expect(screen.getByText(other)).toHaveAttribute('lang', language === 'ko' ? 'en' : 'ko');
  });
});

describe('out of service', () => {
  it.each([
    ['ko', '서류 인쇄기', '용지가 떨어졌습니다', '점검 코드: A4-PAPER-OUT'],
    ['en', 'Document printer', 'out of paper', 'Service code: A4-PAPER-OUT'],
  ] as const)('names the device in citizen words and keeps the code for the technician (%s)', (language, device, fault, code) => {
    renderKiosk(fixtureView('out-of-service', { language }));
    expect(screen.getByText(device).closest('li')).toHaveTextContent(fault);
    expect(screen.getByText(code)).toBeInTheDocument();
  });
});

describe('recovering', () => {
  it.each([
    ['ko', '잠시만 기다려 주세요', '발급기를 준비하고 있습니다.'],
    ['en', 'Please wait', 'The kiosk is getting ready.'],
  ] as const)('asks to wait, with nothing to press (%s)', (language, title, lead) => {
    renderKiosk(fixtureView('recovering', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(lead)).toBeInTheDocument();
    expect(document.querySelectorAll('main button')).toHaveLength(0);
  });
});
