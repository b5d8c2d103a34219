import type { Clock } from '../../common/clock';
import type { A4Printer } from '../../devices/a4-printer/driver';
import type { A4PrinterStatus } from '../../devices/a4-printer/status';
import { a4TestPagePdf } from './a4-test-page';
import { explain } from './explain';
import { DEVICE_LABELS, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type Problem, type SelfTestContext, type SelfTestOutcome } from './types';

/**
 * The A4 certificate printer under diagnosis (IPP). The self-test prints one test page — one sheet of security
 * paper, counted on the printer's sheet counter like any other — and follows the job to its end.
 */
export const TEST_PAGE_TIMEOUT_MS = 120_000;

export type A4PrinterDiagnosticsOptions = {
  readonly driver: string;
  readonly clock: Clock;
  readonly kioskId: string;
  readonly kioskName: string;
};

function statusProblems(status: A4PrinterStatus): Problem[] {
  const raw = status.reasons.join(', ') || null;
  return [...status.faults.map((fault) => explain('a4-printer', fault, raw)), ...status.warnings.map((warning) => explain('a4-printer', warning, raw))];
}

export class A4PrinterDiagnostics implements DeviceDiagnostics {
  readonly id = 'a4-printer' as const;
  readonly interactive = false;
  private lastError: DeviceReport['lastError'] = null;
  private readonly counters = { testPages: 0 };

  constructor(
    private readonly printer: A4Printer,
    private readonly options: A4PrinterDiagnosticsOptions,
  ) {}

  async report(): Promise<DeviceReport> {
    const status = await this.printer.status();
    const paper = this.printer.paper.count;
    let health: DeviceHealth;
    let problems: Problem[];
    let state: string;
    const details: Record<string, string | number | boolean | null> = { sheetsUsed: paper.used, sheetsLeft: paper.remaining };
    if (!status.ok) {
      health = 'offline';
      state = status.error.kind;
      problems = [explain('a4-printer', status.error.kind, status.error.detail)];
      this.lastError = { code: status.error.kind, detail: status.error.detail, at: this.options.clock.now() };
    } else {
      problems = statusProblems(status.value);
      if (paper.low && !status.value.warnings.includes('media-low')) problems.push(explain('a4-printer', 'paper-low-count', `${paper.remaining} sheets by the count`));
      health = status.value.faults.length > 0 ? 'fault' : problems.length > 0 ? 'warning' : 'ok';
      state = status.value.state;
      details.reasons = status.value.reasons.join(', ') || 'none';
      details.message = status.value.message || null;
      details.queuedJobs = status.value.queuedJobs;
      if (status.value.faults.length > 0) this.lastError = { code: status.value.faults.join(', '), detail: status.value.reasons.join(', '), at: this.options.clock.now() };
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
      counters: { ...this.counters, sheetsUsed: paper.used },
      details,
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    const fail = (problem: Problem, measurements: Record<string, string | number | boolean | null> = {}): SelfTestOutcome => {
      context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
      return { device: this.id, passed: false, summary: problem.what, problems: [problem], measurements };
    };
    const status = await this.printer.status();
    if (!status.ok) return fail(explain('a4-printer', status.error.kind, status.error.detail));
    const first = status.value.faults[0];
    if (first) return fail(explain('a4-printer', first, status.value.reasons.join(', ')));
    context.step({ kind: 'info', text: { ko: 'A4 시험 페이지를 보냅니다 (보안 용지 1매)', en: 'Sending the A4 test page (one sheet of security paper)' } });
    const pdf = await a4TestPagePdf({ kioskId: this.options.kioskId, kioskName: this.options.kioskName, printedAt: new Date(this.options.clock.now()) });
    const submitted = await this.printer.submit(pdf, { copies: 1, pages: 1, jobName: `test-page-${this.options.kioskId}` });
    if (!submitted.ok) return fail(explain('a4-printer', submitted.error.kind, submitted.error.detail));
    const job = submitted.value;
    const timer = context.clock.setTimeout(() => void job.cancel(), TEST_PAGE_TIMEOUT_MS);
    const onAbort = () => void job.cancel();
    context.signal.addEventListener('abort', onAbort, { once: true });
    const end = await job.done().finally(() => {
      context.clock.clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
    });
    const measurements = { jobId: end.jobId, state: end.state, pagesPrinted: end.pagesPrinted, reasons: end.printer.reasons.join(', ') || 'none' };
    if (end.state !== 'completed') {
      const fault = end.printer.faults[0];
      return fail(explain('a4-printer', fault ?? 'job-not-completed', `job ${end.jobId} ${end.state}: ${end.message || end.printer.reasons.join(', ')}`), measurements);
    }
    this.counters.testPages += 1;
    const warnings = statusProblems(end.printer);
    context.step({ kind: 'ok', text: { ko: '시험 페이지가 나왔습니다. 테두리와 모서리 표시를 확인하세요.', en: 'The test page came out: check the frame and the corner marks.' } });
    return { device: this.id, passed: true, summary: { ko: '정상: A4 시험 페이지를 인쇄했습니다', en: 'OK: the A4 test page was printed' }, problems: warnings, measurements };
  }
}
