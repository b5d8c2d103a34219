import type { Clock, TimerHandle } from '../../common/clock';
import { err, ok } from '../../common/result';
import {
  attribute,
  decodeIppMessage,
  encodeIppMessage,
  findAttribute,
  integerOf,
  ipp,
  stringsOf,
  type IppAttribute,
  type IppGroup,
  type IppMessage,
} from './ipp-codec';
import { OPERATION } from './ipp-client';
import type { IppTransport } from './ipp-transport';

/**
 * A simulated A4 laser printer that speaks IPP, for the demo and the kiosk's own tests: it accepts PDFs, prints
 * them a page at a time on the injected clock, keeps every PDF it received (in memory), and can be told to run
 * out of paper, jam, open its cover, run low on toner or drop off the network. The real IPP client talks to it
 * through an in-process transport, so the demo follows jobs exactly as with a real printer.
 */
export const SIMULATED_MS_PER_PAGE = 1_500;
export const SIMULATED_TRAY_SHEETS = 500;
export const SIMULATED_LOW_SHEETS = 20;

export const IPP_STATUS = {
  ok: 0x0000,
  badRequest: 0x0400,
  notFound: 0x0406,
  notPossible: 0x0404,
  operationNotSupported: 0x0501,
} as const;

export type SimulatedJobRecord = {
  readonly jobId: number;
  readonly jobName: string;
  readonly pdf: Uint8Array;
  readonly pagesPerCopy: number;
  readonly copies: number;
  /** IPP job-state: 3 pending … 9 completed. */
  state: number;
  impressionsCompleted: number;
};

type Condition = 'media-empty' | 'media-jam' | 'cover-open' | 'toner-low' | 'toner-empty';

export type A4SimulatorEvent =
  | { readonly type: 'job'; readonly jobId: number; readonly state: number; readonly impressionsCompleted: number }
  | { readonly type: 'conditions'; readonly reasons: readonly string[] };

export interface A4PrinterControl {
  /** The tray is empty now. */
  mediaEmpty(): void;
  /** The tray runs out after this many more sheets. */
  mediaEmptyAfter(sheets: number): void;
  /** A technician filled the tray with this many sheets (default a full tray). */
  refill(sheets?: number): void;
  jam(): void;
  clearJam(): void;
  openCover(): void;
  closeCover(): void;
  tonerLow(on: boolean): void;
  tonerEmpty(on: boolean): void;
  /** Off the network: every request fails as unreachable. */
  setOffline(offline: boolean): void;
  readonly sheetsInTray: number;
  readonly received: readonly SimulatedJobRecord[];
  reasons(): readonly string[];
  subscribe(listener: (event: A4SimulatorEvent) => void): () => void;
}

/** Pages of a PDF: each page object has `/Type /Page` (pdfkit writes page dictionaries uncompressed). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export class A4PrinterSimulator implements A4PrinterControl {
  private readonly conditions = new Set<Condition>();
  private readonly jobs: SimulatedJobRecord[] = [];
  private readonly listeners = new Set<(event: A4SimulatorEvent) => void>();
  private nextJobId = 1;
  private tray: number;
  private emptyAfter: number | null = null;
  private offline = false;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly options: { readonly clock: Clock; readonly msPerPage?: number; readonly sheets?: number; readonly uri?: string },
  ) {
    this.tray = options.sheets ?? SIMULATED_TRAY_SHEETS;
  }

  get uri(): string {
    return this.options.uri ?? 'ipp://simulated-a4.local/ipp/print';
  }

  get sheetsInTray(): number {
    return this.tray;
  }

  get received(): readonly SimulatedJobRecord[] {
    return this.jobs;
  }

  transport(): IppTransport {
    return {
      description: `${this.uri} (simulated)`,
      exchange: async (request) => {
        // An answer comes back on a later turn, as from a network.
        await Promise.resolve();
        if (this.offline) return err({ kind: 'unreachable', detail: 'connect ECONNREFUSED (simulated printer offline)' });
        return ok(this.handle(request));
      },
    };
  }

  subscribe(listener: (event: A4SimulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  mediaEmpty(): void {
    this.tray = 0;
    this.set('media-empty', true);
  }
  mediaEmptyAfter(sheets: number): void {
    this.emptyAfter = Math.max(0, sheets);
  }
  refill(sheets = SIMULATED_TRAY_SHEETS): void {
    this.tray = sheets;
    this.emptyAfter = null;
    this.set('media-empty', sheets === 0);
  }
  jam(): void {
    this.set('media-jam', true);
  }
  clearJam(): void {
    this.set('media-jam', false);
  }
  openCover(): void {
    this.set('cover-open', true);
  }
  closeCover(): void {
    this.set('cover-open', false);
  }
  tonerLow(on: boolean): void {
    this.set('toner-low', on);
  }
  tonerEmpty(on: boolean): void {
    this.set('toner-empty', on);
  }
  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  reasons(): string[] {
    const reasons: string[] = [];
    if (this.conditions.has('media-empty')) reasons.push('media-empty-error', 'media-needed-error');
    if (this.conditions.has('media-jam')) reasons.push('media-jam-error');
    if (this.conditions.has('cover-open')) reasons.push('cover-open-error');
    if (this.conditions.has('toner-empty')) reasons.push('toner-empty-error');
    if (this.conditions.has('toner-low')) reasons.push('toner-low-warning');
    if (!this.conditions.has('media-empty') && this.tray <= SIMULATED_LOW_SHEETS) reasons.push('media-low-warning');
    return reasons.length > 0 ? reasons : ['none'];
  }

  private stopped(): boolean {
    return ['media-empty', 'media-jam', 'cover-open', 'toner-empty'].some((condition) => this.conditions.has(condition as Condition));
  }

  private set(condition: Condition, on: boolean): void {
    const had = this.conditions.has(condition);
    if (on) this.conditions.add(condition);
    else this.conditions.delete(condition);
    if (had === on) return;
    this.emit({ type: 'conditions', reasons: this.reasons() });
    this.reflectJobState();
    this.schedule();
  }

  private emit(event: A4SimulatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private activeJob(): SimulatedJobRecord | undefined {
    return this.jobs.find((job) => job.state >= 3 && job.state <= 6);
  }

  private reflectJobState(): void {
    const job = this.activeJob();
    if (!job || job.state < 5) return;
    const state = this.stopped() ? 6 : 5;
    if (job.state !== state) {
      job.state = state;
      this.emit({ type: 'job', jobId: job.jobId, state, impressionsCompleted: job.impressionsCompleted });
    }
  }

  /** Prints the active job one page per tick; a fault stops the head until it clears. */
  private schedule(): void {
    if (this.timer || this.stopped()) return;
    const job = this.activeJob();
    if (!job) return;
    if (job.state === 3) {
      job.state = 5;
      this.emit({ type: 'job', jobId: job.jobId, state: 5, impressionsCompleted: 0 });
    }
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.printPage(job);
      this.schedule();
    }, this.options.msPerPage ?? SIMULATED_MS_PER_PAGE);
  }

  private printPage(job: SimulatedJobRecord): void {
    if (job.state !== 5 || this.stopped()) return;
    if (this.tray === 0 || this.emptyAfter === 0) {
      this.tray = 0;
      this.emptyAfter = null;
      this.set('media-empty', true);
      return;
    }
    this.tray--;
    if (this.emptyAfter !== null) this.emptyAfter--;
    job.impressionsCompleted++;
    const total = job.pagesPerCopy * job.copies;
    if (job.impressionsCompleted >= total) job.state = 9;
    this.emit({ type: 'job', jobId: job.jobId, state: job.state, impressionsCompleted: job.impressionsCompleted });
  }

  /** One IPP request in, one IPP response out. */
  handle(requestBytes: Uint8Array): Uint8Array {
    const decoded = decodeIppMessage(requestBytes);
    if (!decoded.ok) return this.response(0, IPP_STATUS.badRequest, [], decoded.error);
    const request = decoded.value;
    switch (request.code) {
      case OPERATION.printJob:
        return this.printJob(request);
      case OPERATION.getJobAttributes: {
        const job = this.findJob(request);
        if (!job) return this.response(request.requestId, IPP_STATUS.notFound, [], 'job not found');
        return this.response(request.requestId, IPP_STATUS.ok, [{ name: 'job', attributes: this.jobAttributes(job) }]);
      }
      case OPERATION.getPrinterAttributes:
        return this.response(request.requestId, IPP_STATUS.ok, [{ name: 'printer', attributes: this.printerAttributes() }]);
      case OPERATION.cancelJob: {
        const job = this.findJob(request);
        if (!job) return this.response(request.requestId, IPP_STATUS.notFound, [], 'job not found');
        if (job.state >= 7) return this.response(request.requestId, IPP_STATUS.notPossible, [], 'job already ended');
        job.state = 7;
        if (this.timer) {
          this.options.clock.clearTimeout(this.timer);
          this.timer = undefined;
        }
        this.emit({ type: 'job', jobId: job.jobId, state: 7, impressionsCompleted: job.impressionsCompleted });
        this.schedule();
        return this.response(request.requestId, IPP_STATUS.ok, []);
      }
      default:
        return this.response(request.requestId, IPP_STATUS.operationNotSupported, [], 'operation not supported');
    }
  }

  private printJob(request: IppMessage): Uint8Array {
    const format = stringsOf(findAttribute(request, 'document-format', 'operation'))[0] ?? 'application/octet-stream';
    if (format !== 'application/pdf') return this.response(request.requestId, 0x040a, [], `document-format ${format} not supported`);
    const pages = countPdfPages(request.data);
    if (pages === 0) return this.response(request.requestId, 0x040a, [], 'the document is not a PDF with pages');
    const job: SimulatedJobRecord = {
      jobId: this.nextJobId++,
      jobName: stringsOf(findAttribute(request, 'job-name', 'operation'))[0] ?? '',
      pdf: request.data,
      pagesPerCopy: pages,
      copies: Math.max(1, integerOf(findAttribute(request, 'copies', 'job')) ?? 1),
      state: 3,
      impressionsCompleted: 0,
    };
    this.jobs.push(job);
    this.emit({ type: 'job', jobId: job.jobId, state: 3, impressionsCompleted: 0 });
    this.schedule();
    return this.response(request.requestId, IPP_STATUS.ok, [{ name: 'job', attributes: this.jobAttributes(job) }]);
  }

  private findJob(request: IppMessage): SimulatedJobRecord | undefined {
    const jobId = integerOf(findAttribute(request, 'job-id', 'operation'));
    return this.jobs.find((job) => job.jobId === jobId);
  }

  private jobAttributes(job: SimulatedJobRecord): IppAttribute[] {
    const reasons = job.state === 6 ? ['printer-stopped'] : job.state === 9 ? ['job-completed-successfully'] : job.state === 7 ? ['job-canceled-by-user'] : ['none'];
    return [
      attribute('job-id', ipp.integer(job.jobId)),
      attribute('job-uri', ipp.uri(`${this.uri}/${job.jobId}`)),
      attribute('job-state', ipp.enum(job.state)),
      attribute('job-state-reasons', ...reasons.map(ipp.keyword)),
      attribute('job-impressions-completed', ipp.integer(job.impressionsCompleted)),
      attribute('job-media-sheets-completed', ipp.integer(job.impressionsCompleted)),
    ];
  }

  private printerAttributes(): IppAttribute[] {
    const active = this.activeJob();
    const state = this.stopped() ? 5 : active ? 4 : 3;
    return [
      attribute('printer-state', ipp.enum(state)),
      attribute('printer-state-reasons', ...this.reasons().map(ipp.keyword)),
      attribute('printer-state-message', ipp.text(this.stopped() ? 'Printer stopped' : 'Ready')),
      attribute('queued-job-count', ipp.integer(this.jobs.filter((job) => job.state >= 3 && job.state <= 6).length)),
      attribute('printer-make-and-model', ipp.text('Simulated A4 Laser')),
    ];
  }

  private response(requestId: number, status: number, groups: IppGroup[], message?: string): Uint8Array {
    const operation = [
      attribute('attributes-charset', ipp.charset('utf-8')),
      attribute('attributes-natural-language', ipp.language('en')),
      ...(message ? [attribute('status-message', ipp.text(message))] : []),
    ];
    return encodeIppMessage({ version: [2, 0], code: status, requestId, groups: [{ name: 'operation', attributes: operation }, ...groups], data: new Uint8Array(0) });
  }
}
