import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeviceReport } from '../../kiosk/diagnostics/types';
import type { SelfTestRun, ServiceOverview } from '../../kiosk/service-mode/service-mode';
import type { Answer, ServiceClient } from './api';
import { PIN_IDLE_RETURN_MS, ServiceApp } from './ServiceApp';

/** The service screen against a scripted kiosk: PIN, device states in plain words, a self-test, refills, the close. */
const ok = <T,>(value: T): Answer<T> => ({ ok: true, value });

function device(id: DeviceReport['id'], overrides: Partial<DeviceReport> = {}): DeviceReport {
  return {
    id,
    label: { ko: id, en: id },
    driver: 'simulated',
    description: `loopback:${id}`,
    health: 'ok',
    state: 'ready',
    problems: [],
    firmware: null,
    serialNumber: null,
    lastError: null,
    counters: {},
    details: {},
    ...overrides,
  };
}

const OVERVIEW: ServiceOverview = {
  kioskId: 'GJ-HALL-01',
  kioskName: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' },
  devices: [
    device('bill-acceptor', { label: { ko: '지폐 인식기', en: 'Bill acceptor' }, firmware: 'JCM 1.0' }),
    device('receipt-printer', {
      label: { ko: '영수증 프린터', en: 'Receipt printer' },
      health: 'fault',
      state: 'paper-out',
      problems: [{ code: 'paper-out', severity: 'fault', what: { ko: '영수증 용지가 떨어졌습니다', en: 'The receipt roll is empty' }, action: { ko: '새 용지를 넣으세요', en: 'Load a new roll' }, raw: 'DLE EOT: offline, paper out' }],
    }),
  ],
  cash: {
    cashBox: { byDenomination: { '1000': 3, '5000': 1 }, notes: 4, total: 8000 },
    hoppers: [{ coinValue: 500, coins: 180, state: 'ready', level: undefined }],
    acceptor: { state: 'disabled', denominations: [1000, 5000, 10000, 50000] },
    changeCapacity: 90000,
    openAccounts: 0,
    pendingSteps: 0,
  },
  paper: { a4: { used: 12, remaining: 488, low: false } },
  queue: { depth: 3, oldestUnsentAgeSeconds: 42, rejected: 0, lastAttemptAt: null, lastSuccessAt: null, lastError: null },
  citizenSessionActive: false,
};

function scriptedClient() {
  const calls: string[] = [];
  let testPolls = 0;
  const run = (state: SelfTestRun['state'], steps: SelfTestRun['steps']): SelfTestRun => ({
    testId: 't1',
    device: 'bill-acceptor',
    interactive: true,
    startedAt: 0,
    state,
    steps,
    outcome: state === 'running' ? null : { device: 'bill-acceptor', passed: true, summary: { ko: '정상: 1,000원 지폐를 읽고 돌려주었습니다', en: 'OK' }, problems: [], measurements: { noteRead: 1000 } },
    finishedAt: null,
  });
  const client: ServiceClient = {
    signedIn: false,
    async enter(pin) {
      calls.push(`enter ${pin.length}`);
      if (pin === '111111') return { ok: false, error: { kind: 'wrong-pin', detail: 'wrong', attemptsLeft: 4 } };
      if (pin === '999999') return { ok: false, error: { kind: 'locked', detail: 'locked', until: Date.UTC(2026, 10, 25, 3, 5) } };
      return ok({ expiresAt: 0 });
    },
    async exit() {
      calls.push('exit');
    },
    overview: async () => ok(OVERVIEW),
    async startSelfTest(id) {
      calls.push(`test ${id}`);
      return ok(run('running', [{ at: 0, kind: 'prompt', text: { ko: '지폐를 한 장 넣으세요', en: 'Insert a note' } }]));
    },
    async selfTest() {
      testPolls += 1;
      return ok(
        run(testPolls < 2 ? 'running' : 'passed', [
          { at: 0, kind: 'prompt', text: { ko: '지폐를 한 장 넣으세요', en: 'Insert a note' } },
          { at: 1, kind: 'ok', text: { ko: '1,000원 지폐를 읽었습니다', en: 'Read a note' } },
        ]),
      );
    },
    cancelSelfTest: async () => ok(run('cancelled', [])),
    async refillPaper(body) {
      calls.push(`paper ${JSON.stringify(body)}`);
      return ok({ remaining: 988 });
    },
    async refillHopper(coin, coins) {
      calls.push(`refill ${coin} ${coins}`);
      return ok({});
    },
    countHopper: async () => ok({}),
    removeCashBox: async () => ok({ byDenomination: { '1000': 3, '5000': 1 }, notes: 4, total: 8000 }),
    async closeDay(counted) {
      calls.push(`close ${JSON.stringify(counted)}`);
      const summary = { businessDate: '2026-11-25', discrepancy: -1000, balanced: false, box: { expected: 8000, ledger: { total: 8000 }, counted: { total: 7000 } } };
      return ok({ id: 1, summary, printed: { ok: true } } as never);
    },
    exportLogs: async () => ok({ name: 'service-export-GJ-HALL-01-20261125-100000.jsonl', lines: 42, bytes: 1000 }),
    audit: async () => ok([]),
  };
  return { client, calls };
}

async function typePin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole('button', { name: digit }));
  await user.click(screen.getByRole('button', { name: '확인' }));
}

describe('the service screen', () => {
  it('shows what the kiosk says about a wrong PIN and a lockout, then the devices in plain words', async () => {
    const user = userEvent.setup();
    const { client } = scriptedClient();
    render(<ServiceApp client={client} />);
    await typePin(user, '111111');
    expect(await screen.findByRole('alert')).toHaveTextContent('비밀번호가 틀렸습니다. 남은 횟수: 4');
    await typePin(user, '999999');
    expect(await screen.findByRole('alert')).toHaveTextContent('잠겼습니다');
    await typePin(user, '258046');
    const printer = await screen.findByText('영수증 프린터');
    const card = printer.closest('article') as HTMLElement;
    expect(within(card).getByText('고장')).toBeInTheDocument();
    expect(within(card).getByText('영수증 용지가 떨어졌습니다')).toBeInTheDocument();
    expect(within(card).getByText(/paper-out · DLE EOT: offline, paper out/)).toBeInTheDocument();
  });

  it('runs a self-test and shows its steps and result; switches to English', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const { client, calls } = scriptedClient();
      render(<ServiceApp client={client} />);
      await typePin(user, '258046');
      const acceptor = (await screen.findByText('지폐 인식기')).closest('article') as HTMLElement;
      await user.click(within(acceptor).getByRole('button', { name: '자가 시험' }));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByText('지폐를 한 장 넣으세요')).toBeInTheDocument();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1500);
      });
      expect(await within(dialog).findByRole('status')).toHaveTextContent('통과: 정상: 1,000원 지폐를 읽고 돌려주었습니다');
      expect(calls).toContain('test bill-acceptor');
      await user.click(within(dialog).getByRole('button', { name: '닫기' }));
      await user.click(screen.getByRole('button', { name: 'English' }));
      expect(await screen.findByRole('tab', { name: 'Devices' })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('records an A4 refill and a hopper refill from the number pad, and closes the day with a count', async () => {
    const user = userEvent.setup();
    const { client, calls } = scriptedClient();
    render(<ServiceApp client={client} />);
    await typePin(user, '258046');
    await user.click(await screen.findByRole('tab', { name: '용지·동전' }));
    expect(screen.getByText('남은 매수: 488')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '넣은 매수' }));
    const editor = screen.getByRole('dialog');
    for (const digit of '500') await user.click(within(editor).getByRole('button', { name: digit }));
    await user.click(within(editor).getByRole('button', { name: '기록' }));
    expect(calls).toContain('paper {"printer":"a4","sheetsAdded":500}');
    const hopper = screen.getByText('500원 동전 방출기').closest('article') as HTMLElement;
    await user.click(within(hopper).getByRole('button', { name: '채운 개수' }));
    for (const digit of '200') await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: digit }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '기록' }));
    expect(calls).toContain('refill 500 200');

    await user.click(screen.getByRole('tab', { name: '현금함·마감' }));
    expect(screen.getByText('8,000원')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^1,000원: / }));
    await user.click(screen.getByRole('button', { name: '2' }));
    await user.click(screen.getByRole('button', { name: /^5,000원: / }));
    await user.click(screen.getByRole('button', { name: '1' }));
    await user.click(screen.getByRole('button', { name: '마감하기' }));
    expect(calls).toContain('close {"1000":2,"5000":1,"10000":0,"50000":0}');
    expect(await screen.findByText(/차액 -1,000원/)).toBeInTheDocument();
  });
});

describe('leaving the service screen', () => {
  it('goes back to the citizen screen when it was opened from there', async () => {
    const user = userEvent.setup();
    const { client, calls } = scriptedClient();
    const onReturn = vi.fn();
    render(<ServiceApp client={client} onReturn={onReturn} />);
    await typePin(user, '258046');
    await user.click(await screen.findByRole('button', { name: '서비스 모드 나가기' }));
    expect(calls).toContain('exit');
    expect(onReturn).toHaveBeenCalledTimes(1);
  });

  it('shows the PIN pad again when it was opened by its address, with no citizen screen to go to', async () => {
    const user = userEvent.setup();
    const { client, calls } = scriptedClient();
    render(<ServiceApp client={client} />);
    expect(screen.queryByRole('button', { name: '시민 화면으로 돌아가기' })).not.toBeInTheDocument();
    await typePin(user, '258046');
    await user.click(await screen.findByRole('button', { name: '서비스 모드 나가기' }));
    expect(calls).toContain('exit');
    expect(await screen.findByText('기술자 비밀번호를 입력하세요', { selector: 'p' })).toBeInTheDocument();
  });

  it('offers the way back from the PIN pad, and takes it by itself after 2 minutes untouched', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const { client } = scriptedClient();
      const onReturn = vi.fn();
      render(<ServiceApp client={client} onReturn={onReturn} />);
      await user.click(screen.getByRole('button', { name: '시민 화면으로 돌아가기' }));
      expect(onReturn).toHaveBeenCalledTimes(1);

      await act(async () => {
        await vi.advanceTimersByTimeAsync(PIN_IDLE_RETURN_MS - 10_000);
      });
      await user.click(screen.getByRole('button', { name: '1' })); // a touch starts the two minutes again
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PIN_IDLE_RETURN_MS - 10_000);
      });
      expect(onReturn).toHaveBeenCalledTimes(1);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(20_000);
      });
      expect(onReturn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
