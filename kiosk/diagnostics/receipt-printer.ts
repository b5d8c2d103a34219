import type { Clock } from '../../common/clock';
import type { ReceiptPrinter, ReceiptPrinterEvent } from '../../devices/receipt-printer/driver';
import { faultOf, type ReceiptPrinterStatus } from '../../devices/receipt-printer/status';
import { testPage } from '../../printer-templates/receipt/test-page';
import { explain } from './explain';
import { DEVICE_LABELS, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type Problem, type SelfTestContext, type SelfTestOutcome } from './types';

/** The receipt printer under diagnosis; its self-test prints the test page (every style, Korean, QR, barcode). */
export type ReceiptPrinterDiagnosticsOptions = {
  readonly driver: string;
  readonly clock: Clock;
  readonly kioskId: string;
  readonly kioskName: string;
};

function statusProblems(status: ReceiptPrinterStatus): Problem[] {
  const problems: Problem[] = [];
  const fault = faultOf(status);
  if (fault) problems.push(explain('receipt-printer', fault, rawOf(status)));
  else if (status.paper === 'near-end') problems.push(explain('receipt-printer', 'paper-near-end', 'paper sensor: near end'));
  return problems;
}

function rawOf(status: ReceiptPrinterStatus): string {
  const flags = [
    status.online ? 'online' : 'offline',
    status.coverOpen ? 'cover open' : null,
    `paper ${status.paper}`,
    status.cutterError ? 'cutter error' : null,
    status.unrecoverableError ? 'unrecoverable error' : null,
    status.autoRecoverableError ? 'auto-recoverable error' : null,
  ].filter(Boolean);
  return `DLE EOT: ${flags.join(', ')}`;
}

export class ReceiptPrinterDiagnostics implements DeviceDiagnostics {
  readonly id = 'receipt-printer' as const;
  readonly interactive = false;
  private lastError: DeviceReport['lastError'] = null;
  private readonly counters = { testPages: 0, disconnections: 0 };

  constructor(
    private readonly printer: ReceiptPrinter,
    private readonly options: ReceiptPrinterDiagnosticsOptions,
  ) {
    printer.subscribe((event) => this.observe(event));
  }

  private observe(event: ReceiptPrinterEvent): void {
    if (event.type === 'disconnected') {
      this.counters.disconnections += 1;
      this.lastError = { code: 'disconnected', detail: event.detail, at: this.options.clock.now() };
    } else if (event.type === 'status') {
      const fault = faultOf(event.status);
      if (fault) this.lastError = { code: fault, detail: rawOf(event.status), at: this.options.clock.now() };
    }
  }

  async report(): Promise<DeviceReport> {
    const status = await this.printer.status();
    let health: DeviceHealth;
    let problems: Problem[];
    let state: string;
    if (!status.ok) {
      health = 'offline';
      state = status.error.kind;
      problems = [explain('receipt-printer', status.error.kind, status.error.detail)];
    } else {
      problems = statusProblems(status.value);
      health = problems.some((p) => p.severity === 'fault') ? 'fault' : problems.length > 0 ? 'warning' : 'ok';
      state = faultOf(status.value) ?? (status.value.paper === 'near-end' ? 'paper-near-end' : 'ready');
    }
    return {
      id: this.id,
      label: DEVICE_LABELS[this.id],
      driver: this.options.driver,
      description: this.printer.description,
      health,
      state,
      problems,
      firmware: null,
      serialNumber: null,
      lastError: this.lastError,
      counters: { ...this.counters },
      details: status.ok ? { paper: status.value.paper, coverOpen: status.value.coverOpen, online: status.value.online } : {},
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    const fail = (problem: Problem): SelfTestOutcome => {
      context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
      return { device: this.id, passed: false, summary: problem.what, problems: [problem], measurements: {} };
    };
    const status = await this.printer.status();
    if (!status.ok) {
      // Not connected yet (a technician's laptop): connect once and ask again.
      const connected = await this.printer.connect();
      if (!connected.ok) return fail(explain('receipt-printer', connected.error.kind, connected.error.detail));
    }
    context.step({ kind: 'info', text: { ko: '시험 페이지를 인쇄합니다', en: 'Printing the test page' } });
    const printed = await this.printer.print(
      testPage({ kioskId: this.options.kioskId, kioskName: this.options.kioskName, printedAt: new Date(this.options.clock.now()), printerDescription: this.printer.description }),
    );
    if (!printed.ok) {
      const failure = printed.error;
      const status = failure.after ?? failure.before;
      const code = failure.fault ?? (failure.reason === 'disconnected' || failure.reason === 'no-response' ? failure.reason : 'offline');
      return fail(explain('receipt-printer', code, status ? `${failure.detail}; ${rawOf(status)}` : failure.detail));
    }
    this.counters.testPages += 1;
    const warnings = printed.value.after ? statusProblems(printed.value.after) : [];
    context.step({ kind: 'ok', text: { ko: '시험 페이지가 나왔습니다. 모든 줄이 또렷한지 보세요.', en: 'The test page came out: check that every line is clear.' } });
    for (const warning of warnings) context.step({ kind: 'problem', text: warning.what, raw: warning.raw ?? warning.code });
    return {
      device: this.id,
      passed: true,
      summary: { ko: '정상: 시험 페이지를 인쇄했습니다', en: 'OK: the test page was printed' },
      problems: warnings,
      measurements: { paperAfter: printed.value.after?.paper ?? null },
    };
  }
}
