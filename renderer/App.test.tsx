import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DOCUMENTS } from '../catalog';
import type { KioskCommand } from '../kiosk/api/contract';
import { DEFAULT_DISPLAY, tileOf, type ViewModel } from '../state-machines/view-model';
import { App } from './App';
import type { KioskClient } from './api/client';

/** A client whose views the test pushes by hand and whose commands it records. */
function fakeClient() {
  const sent: KioskCommand[] = [];
  let listener: ((view: ViewModel) => void) | null = null;
  const client: KioskClient = {
    async send(command) {
      sent.push(command);
      return { accepted: true, revision: 0 };
    },
    subscribe(next) {
      listener = next;
      return () => (listener = null);
    },
  };
  return { client, sent, push: (view: ViewModel) => act(() => listener?.(view)) };
}

const tiles = DOCUMENTS.map((document) =>
  tileOf(document, document.availability === 'office-hours' ? { available: false, reason: 'office-hours-only' } : { available: true }),
);

function view(screen: Partial<ViewModel> & Pick<ViewModel, 'screen'>): ViewModel {
  return {
    revision: 1,
    language: 'ko',
    step: null,
    kiosk: { kioskId: 'GJ-HALL-01', name: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' }, hoursText: '08:30–24:00', open: true, pxPerMm: 3.64, simulated: true },
    display: DEFAULT_DISPLAY,
    basket: { lines: [], total: null },
    timeout: null,
    keypad: null,
    canCancel: false,
    canGoBack: screen.screen !== 'attract',
    ...screen,
  } as ViewModel;
}

describe('the touch UI skeleton', () => {
  it('shows the attract screen in Korean with the hours and the number of documents', async () => {
    const { client, sent, push } = fakeClient();
    render(<App client={client} />);
    push(view({ screen: 'attract', documents: tiles }));
    expect(screen.getByRole('heading', { level: 2, name: '금정구청 민원실' })).toBeInTheDocument();
    expect(screen.getByText(/운영 시간 08:30–24:00/)).toBeInTheDocument();
    expect(screen.getByText(/발급 가능한 서류 29종/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '화면을 눌러 시작하세요' }));
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(sent).toEqual([{ type: 'touch' }, { type: 'chooseLanguage', language: 'en' }]);
  });

  it('shows the attract screen in English', () => {
    const { client, push } = fakeClient();
    render(<App client={client} />);
    push(view({ screen: 'attract', documents: tiles, language: 'en' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Civil Document Kiosk' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Touch the screen to start' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Home' })).toBeInTheDocument();
  });

  it.each([
    ['ko', '발급할 서류를 선택하세요', '주민등록표 등본', '200원', '평일 09:00–18:00에만 발급', '다음 목록 ▶'],
    ['en', 'Choose a document', 'Resident registration copy (household)', '₩200', 'Weekdays 09:00–18:00 only', 'Next ▶'],
  ] as const)('lists documents 8 to a page with fees and availability (%s)', async (language, title, first, fee, unavailable, next) => {
    const { client, sent, push } = fakeClient();
    render(<App client={client} />);
    push(view({ screen: 'choose-document', documents: tiles, step: 'choose', language }));
    expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    const listed = screen.getAllByRole('listitem').filter((item) => item.querySelector('.tile'));
    expect(listed).toHaveLength(8);
    expect(listed[0]).toHaveTextContent(first);
    expect(listed[0]).toHaveTextContent(fee);
    expect(screen.getAllByText(unavailable).length).toBeGreaterThan(0);
    const familyTile = screen.getAllByRole('button').find((button) => button.getAttribute('data-code') === 'family-relations');
    expect(familyTile).toBeDisabled();
    await userEvent.click(listed[0]!.querySelector('button')!);
    expect(sent).toEqual([{ type: 'selectDocument', code: 'resident-copy' }]);
    await userEvent.click(screen.getByRole('button', { name: next }));
    expect(screen.getByText('2 / 5')).toBeInTheDocument();
  });

  it.each([
    ['ko', '주민등록표 등본', '수수료 200원 (1통)'],
    ['en', 'Resident registration copy (household)', 'Fee ₩200 per copy'],
  ] as const)('shows the chosen document (%s)', (language, name, fee) => {
    const { client, push } = fakeClient();
    render(<App client={client} />);
    push(view({ screen: 'document-options', step: 'choose', language, document: tiles[0]!, options: [], problems: {} }));
    expect(screen.getByRole('heading', { name })).toBeInTheDocument();
    expect(screen.getByText(fee)).toBeInTheDocument();
  });

  it('shows the language screen in both languages at once', () => {
    const { client, push } = fakeClient();
    render(<App client={client} />);
    push(view({ screen: 'language' }));
    expect(screen.getByRole('button', { name: '한국어' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toBeInTheDocument();
  });
});
