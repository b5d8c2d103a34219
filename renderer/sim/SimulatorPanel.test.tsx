import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SimulatorPanelState } from '../../kiosk/api/simulator-contract';
import { SimulatorPanel } from './SimulatorPanel';

const PANEL: SimulatorPanelState = {
  devices: [
    {
      device: 'bill-acceptor',
      label: { ko: '지폐 투입기', en: 'Bill acceptor' },
      state: { stacked: 3, escrow: null, jammed: false },
      actions: [
        {
          action: 'insert',
          label: { ko: '지폐 넣기', en: 'Insert a note' },
          params: [{ name: 'value', label: { ko: '금액', en: 'Value' }, kind: 'choice', choices: [1000, 5000, 10000] }],
        },
        { action: 'jam', label: { ko: '걸림', en: 'Jam' }, params: [] },
      ],
    },
    {
      device: 'fingerprint',
      label: { ko: '지문 인식기', en: 'Fingerprint reader' },
      state: { finger: 'none' },
      actions: [{ action: 'place-finger', label: { ko: '손가락 올리기', en: 'Place a finger' }, params: [{ name: 'person', label: { ko: '사람', en: 'Person' }, kind: 'text' }] }],
    },
  ],
  residents: [{ name: '김민원', residentNumber: '800101-1000001', note: '지문 일치' }],
};

function fakeHost(status = 200) {
  const posts: { url: string; body: unknown }[] = [];
  const fetcher = vi.fn(async (input: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      posts.push({ url: input, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ ok: true, device: PANEL.devices[0] }), { status: 200 });
    }
    return new Response(status === 200 ? JSON.stringify(PANEL) : '{}', { status });
  });
  return { fetcher, posts };
}

describe('the simulator panel', () => {
  it('renders whatever devices the kiosk lists, with their state, and posts the chosen action', async () => {
    const host = fakeHost();
    render(<SimulatorPanel fetcher={host.fetcher} pollMs={60_000} language="ko" />);
    const card = (await screen.findByText('지폐 투입기')).closest('article');
    if (!card) throw new Error('no card');
    expect(card).toHaveTextContent('stacked3');
    expect(card).toHaveTextContent('escrow—');
    await userEvent.selectOptions(within(card).getByRole('combobox'), '5000');
    await userEvent.click(within(card).getByRole('button', { name: '지폐 넣기' }));
    const finger = screen.getByText('지문 인식기').closest('article');
    if (!finger) throw new Error('no card');
    await userEvent.type(within(finger).getByRole('textbox'), '김민원');
    await userEvent.click(within(finger).getByRole('button', { name: '손가락 올리기' }));
    expect(host.posts).toEqual([
      { url: '/api/sim/bill-acceptor/insert', body: { params: { value: 5000 } } },
      { url: '/api/sim/fingerprint/place-finger', body: { params: { person: '김민원' } } },
    ]);
    await waitFor(() => expect(screen.getByText('완료: 지문 인식기 · 손가락 올리기')).toBeInTheDocument());
    expect(screen.getByText('800101-1000001')).toBeInTheDocument();
  });

  it('says so when simulator control is off', async () => {
    render(<SimulatorPanel fetcher={fakeHost(404).fetcher} pollMs={60_000} language="ko" />);
    expect(await screen.findByRole('status')).toHaveTextContent('시뮬레이터 제어가 꺼져 있습니다.');
  });
});
