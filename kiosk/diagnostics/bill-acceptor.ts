import type { Clock } from '../../common/clock';
import { formatWon, type Won } from '../../common/money';
import type { BillAcceptor, BillAcceptorEvent, BillAcceptorStartReport } from '../../devices/bill-acceptor/bill-acceptor';
import { STATUS_CODES } from '../../devices/bill-acceptor/codec';
import { explain } from './explain';
import { DEVICE_LABELS, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type Problem, type SelfTestContext, type SelfTestOutcome } from './types';

/**
 * The bill acceptor under diagnosis. The self-test is an accept cycle with return: the unit is enabled for every
 * note it knows, the technician inserts one, it is read in escrow and given back. In the running kiosk the money
 * service gives back any note no session is collecting (and journals it), so the test only watches; on a
 * technician's laptop (`kiosk diag`) the test gives the note back itself.
 */
export const NOTE_WAIT_MS = 60_000;
export const RETURN_WAIT_MS = 15_000;

export type BillAcceptorDiagnosticsOptions = {
  readonly driver: string;
  readonly clock: Clock;
  /** `money-service`: the running kiosk's money service answers escrow; `self`: this test does. */
  readonly escrowHandledBy: 'money-service' | 'self';
  /** What the unit said when it started (version, currency assignment), if known. */
  readonly startReport?: () => BillAcceptorStartReport | undefined;
};

function rawStatus(code: string): string | null {
  const statusKind = code === 'stacker-open' ? 'stacker-open' : code;
  const byte = (STATUS_CODES as Record<string, number>)[statusKind];
  return byte === undefined ? null : `ID-003 status 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

export class BillAcceptorDiagnostics implements DeviceDiagnostics {
  readonly id = 'bill-acceptor' as const;
  readonly interactive = true;
  private lastError: DeviceReport['lastError'] = null;
  private currentFault: { code: string; detail: string; raw: string | null } | null = null;
  private readonly counters = { notesStacked: 0, notesReturned: 0, notesRejected: 0, faults: 0 };

  constructor(
    private readonly acceptor: BillAcceptor,
    private readonly options: BillAcceptorDiagnosticsOptions,
  ) {
    acceptor.subscribe((event) => this.observe(event));
  }

  private observe(event: BillAcceptorEvent): void {
    switch (event.type) {
      case 'credited':
        this.counters.notesStacked += 1;
        return;
      case 'returned':
        this.counters.notesReturned += 1;
        return;
      case 'rejected':
        this.counters.notesRejected += 1;
        return;
      case 'fault': {
        this.counters.faults += 1;
        const raw = event.code === 'failure' && event.failure ? `${event.detail}` : rawStatus(event.code);
        this.currentFault = { code: event.code, detail: event.detail, raw };
        this.lastError = { code: event.code, detail: event.detail, at: this.options.clock.now() };
        return;
      }
      case 'recovered':
        this.currentFault = null;
        return;
      case 'escrow':
      case 'stacked':
      case 'power-up':
      case 'status':
        return;
    }
  }

  async report(): Promise<DeviceReport> {
    const state = this.acceptor.state();
    const start = this.options.startReport?.();
    const problems: Problem[] = [];
    let health: DeviceHealth = 'ok';
    if (state === 'offline') {
      health = 'offline';
      problems.push(explain('bill-acceptor', this.currentFault?.code ?? 'not-responding', this.currentFault?.detail ?? null));
    } else if (state === 'fault' || this.currentFault) {
      health = 'fault';
      const fault = this.currentFault ?? { code: 'failure', detail: 'the unit reports a fault', raw: null };
      problems.push(explain('bill-acceptor', fault.code, fault.raw ?? fault.detail));
    } else if (state === 'starting') health = 'warning';
    return {
      id: this.id,
      label: DEVICE_LABELS[this.id],
      driver: this.options.driver,
      description: this.acceptor.description,
      health,
      state,
      problems,
      firmware: start?.version ?? null,
      serialNumber: null,
      lastError: this.lastError,
      counters: { ...this.counters },
      details: {
        denominations: this.acceptor.denominations().map((d) => d.value).join(', ') || null,
        noteInPath: this.acceptor.noteInPath()?.stage ?? null,
      },
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    const measurements: Record<string, string | number | boolean | null> = {};
    const fail = (problem: Problem, extra: Partial<SelfTestOutcome> = {}): SelfTestOutcome => {
      context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
      return { device: this.id, passed: false, summary: problem.what, problems: [problem], measurements, ...extra };
    };
    if (this.acceptor.state() === 'offline' && this.options.escrowHandledBy === 'self') {
      context.step({ kind: 'info', text: { ko: '지폐 인식기를 시작합니다', en: 'Starting the bill acceptor' } });
      const started = await this.acceptor.start();
      if (!started.ok) return fail(explain('bill-acceptor', started.error.kind === 'offline' ? 'not-responding' : 'failure', started.error.detail));
      measurements.firmware = started.value.version;
    }
    const state = this.acceptor.state();
    if (state === 'offline' || state === 'fault') {
      const report = await this.report();
      return fail(report.problems[0] ?? explain('bill-acceptor', 'not-responding'));
    }
    const values = this.acceptor.denominations().map((d) => d.value);
    measurements.denominations = values.join(', ');
    const events: BillAcceptorEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = this.acceptor.subscribe((event) => {
      events.push(event);
      wake?.();
    });
    const waitFor = async <T extends BillAcceptorEvent['type']>(types: readonly T[], ms: number): Promise<Extract<BillAcceptorEvent, { type: T }> | 'timeout' | 'cancelled'> => {
      const deadline = context.clock.now() + ms;
      for (;;) {
        const index = events.findIndex((event) => (types as readonly string[]).includes(event.type));
        if (index >= 0) return events.splice(0, index + 1).at(-1) as Extract<BillAcceptorEvent, { type: T }>;
        if (context.signal.aborted) return 'cancelled';
        const left = deadline - context.clock.now();
        if (left <= 0) return 'timeout';
        await new Promise<void>((resolve) => {
          const timer = context.clock.setTimeout(resolve, Math.min(left, 250));
          wake = () => {
            context.clock.clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    };
    try {
      const enabled = await this.acceptor.enable(values);
      if (!enabled.ok) return fail(explain('bill-acceptor', 'not-responding', enabled.error.detail));
      context.step({
        kind: 'prompt',
        text: { ko: '지폐를 한 장 넣으세요. 읽은 뒤 바로 돌려 드립니다.', en: 'Insert a note: it is read and given straight back.' },
      });
      for (;;) {
        const seen = await waitFor(['escrow', 'rejected', 'fault'] as const, NOTE_WAIT_MS);
        if (seen === 'cancelled') return { device: this.id, passed: false, summary: { ko: '시험을 취소했습니다', en: 'Test cancelled' }, problems: [], measurements };
        if (seen === 'timeout') return fail(explain('bill-acceptor', 'no-note'));
        if (seen.type === 'fault') return fail(explain('bill-acceptor', seen.code, seen.detail));
        if (seen.type === 'rejected') {
          const problem = explain('bill-acceptor', 'rejected', `reject ${seen.reason} (0x${seen.code.toString(16).toUpperCase()})`);
          context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? undefined });
          measurements.rejected = ((measurements.rejected as number | undefined) ?? 0) + 1;
          continue;
        }
        measurements.noteRead = seen.value;
        context.step({ kind: 'ok', text: { ko: `${formatWon(seen.value, 'ko')} 지폐를 읽었습니다`, en: `Read a ${formatWon(seen.value, 'en')} note` } });
        break;
      }
      if (this.options.escrowHandledBy === 'self') await this.acceptor.returnBill();
      const back = await waitFor(['returned', 'credited', 'fault'] as const, RETURN_WAIT_MS);
      if (back === 'cancelled') return { device: this.id, passed: false, summary: { ko: '시험을 취소했습니다', en: 'Test cancelled' }, problems: [], measurements };
      if (back === 'timeout') return fail(explain('bill-acceptor', 'not-returned'));
      if (back.type === 'fault') return fail(explain('bill-acceptor', back.code, back.detail));
      if (back.type === 'credited') return fail(explain('bill-acceptor', 'not-returned', `the unit stacked the ${back.value} won note`));
      context.step({ kind: 'ok', text: { ko: '지폐를 돌려 드렸습니다. 가져가세요.', en: 'The note was given back: take it.' } });
      const value = measurements.noteRead as Won;
      return {
        device: this.id,
        passed: true,
        summary: { ko: `정상: ${formatWon(value, 'ko')} 지폐를 읽고 돌려주었습니다`, en: `OK: read a ${formatWon(value, 'en')} note and gave it back` },
        problems: [],
        measurements,
      };
    } finally {
      unsubscribe();
      await this.acceptor.disable();
    }
  }
}
