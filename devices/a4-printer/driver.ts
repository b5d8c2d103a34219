import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import { IppClient, type IppError, type JobAttributes } from './ipp-client';
import type { IppTransport } from './ipp-transport';
import { SheetCounter } from './paper-counter';
import { printerStatusOf, unreachableStatus, type A4PrinterStatus } from './status';

/**
 * The A4 certificate printer over IPP. `submit` sends one PDF as one job and returns a handle that follows the job
 * (Get-Job-Attributes and Get-Printer-Attributes every JOB_POLL_INTERVAL_MS) until it is completed, aborted or
 * canceled, reporting pages printed and the printer's faults on the way as values. Sheets that come out are
 * counted on the printer's paper counter.
 */
export const JOB_POLL_INTERVAL_MS = 500;
/** client-error-not-found */
const IPP_NOT_FOUND = 0x0406;

export type A4JobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';

const JOB_STATES: Record<number, A4JobState> = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};

export function isTerminal(state: A4JobState): boolean {
  return state === 'completed' || state === 'aborted' || state === 'canceled';
}

export type A4JobSnapshot = {
  readonly jobId: number;
  readonly state: A4JobState;
  readonly terminal: boolean;
  /** Pages of the PDF × copies. */
  readonly pagesExpected: number;
  /** Impressions the printer reports done (simplex: one sheet each). */
  readonly pagesPrinted: number;
  /** False when the printer never reported a count and the job did not complete (pages printed unknown, shown as last known). */
  readonly pagesConfirmed: boolean;
  /** The printer as last seen while following this job: its faults are the job's faults. */
  readonly printer: A4PrinterStatus;
  readonly message: string;
};

export type A4PrinterError = { readonly kind: 'unreachable' | 'refused' | 'malformed'; readonly detail: string };

export interface A4PrintJob {
  readonly jobId: number;
  snapshot(): A4JobSnapshot;
  subscribe(listener: (snapshot: A4JobSnapshot) => void): () => void;
  /** Resolves at a terminal state (completed, aborted, canceled). */
  done(): Promise<A4JobSnapshot>;
  /** Cancel-Job: a job that cannot finish now must not finish later, in front of the next citizen. */
  cancel(): Promise<Result<void, A4PrinterError>>;
}

export type SubmitOptions = {
  readonly copies: number;
  /** Pages of the PDF (the renderer knows it). */
  readonly pages: number;
  /** Shown in the printer's queue; never personal data (use the issuance number). */
  readonly jobName: string;
};

export interface A4Printer {
  readonly description: string;
  status(): Promise<Result<A4PrinterStatus, A4PrinterError>>;
  submit(pdf: Uint8Array, options: SubmitOptions): Promise<Result<A4PrintJob, A4PrinterError>>;
  readonly paper: SheetCounter;
}

export function errorOf(error: IppError): A4PrinterError {
  switch (error.kind) {
    case 'transport':
      return { kind: 'unreachable', detail: error.error.detail };
    case 'malformed':
      return { kind: 'malformed', detail: error.detail };
    case 'refused':
      return { kind: 'refused', detail: `IPP status 0x${error.status.toString(16).padStart(4, '0')} ${error.message}`.trim() };
  }
}

export type IppA4PrinterOptions = {
  readonly clock: Clock;
  readonly log: Logger;
  readonly paper?: SheetCounter;
};

export class IppA4Printer implements A4Printer {
  private readonly client: IppClient;
  readonly paper: SheetCounter;

  constructor(
    private readonly transport: IppTransport,
    printerUri: string,
    private readonly options: IppA4PrinterOptions,
  ) {
    this.client = new IppClient(transport, printerUri);
    this.paper = options.paper ?? new SheetCounter();
  }

  get description(): string {
    return `ipp ${this.transport.description}`;
  }

  async status(): Promise<Result<A4PrinterStatus, A4PrinterError>> {
    const attributes = await this.client.getPrinterAttributes();
    return attributes.ok ? ok(printerStatusOf(attributes.value)) : err(errorOf(attributes.error));
  }

  async submit(pdf: Uint8Array, options: SubmitOptions): Promise<Result<A4PrintJob, A4PrinterError>> {
    if (!Number.isInteger(options.copies) || options.copies < 1) throw new Error(`copies must be ≥ 1: ${options.copies}`);
    if (!Number.isInteger(options.pages) || options.pages < 1) throw new Error(`pages must be ≥ 1: ${options.pages}`);
    const pagesExpected = options.pages * options.copies;
    const created = await this.client.printJob(pdf, { jobName: options.jobName, copies: options.copies, impressions: pagesExpected });
    if (!created.ok) {
      const error = errorOf(created.error);
      this.options.log.warn({ event: 'a4-printer.submit-failed', kind: error.kind, detail: error.detail });
      return err(error);
    }
    this.options.log.info({ event: 'a4-printer.job.submitted', jobId: created.value.jobId, jobName: options.jobName, pagesExpected });
    const printer = await this.status();
    const job = new IppJobFollower(this.client, this.options.clock, this.options.log, this.paper, created.value, pagesExpected, printer.ok ? printer.value : unreachableStatus(printer.error.detail));
    job.start();
    return ok(job);
  }
}

class IppJobFollower implements A4PrintJob {
  private current: A4JobSnapshot;
  private readonly listeners = new Set<(snapshot: A4JobSnapshot) => void>();
  private readonly finished: Promise<A4JobSnapshot>;
  private resolveFinished!: (snapshot: A4JobSnapshot) => void;
  private timer: TimerHandle | undefined;
  private countedSheets = 0;
  private reportedCount = false;

  constructor(
    private readonly client: IppClient,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly paper: SheetCounter,
    created: JobAttributes,
    pagesExpected: number,
    printer: A4PrinterStatus,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.current = this.snapshotFrom(created, pagesExpected, printer, 0);
    this.countPages(created);
  }

  get jobId(): number {
    return this.current.jobId;
  }

  snapshot(): A4JobSnapshot {
    return this.current;
  }

  subscribe(listener: (snapshot: A4JobSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  done(): Promise<A4JobSnapshot> {
    return this.finished;
  }

  async cancel(): Promise<Result<void, A4PrinterError>> {
    const cancelled = await this.client.cancelJob(this.jobId);
    this.log.info({ event: 'a4-printer.job.cancel', jobId: this.jobId, outcome: cancelled.ok ? 'ok' : cancelled.error.kind });
    if (!cancelled.ok) {
      // A job that already ended cannot be canceled: not a failure of the cancel.
      if (cancelled.error.kind === 'refused' && this.current.terminal) return ok(undefined);
      return err(errorOf(cancelled.error));
    }
    await this.poll();
    return ok(undefined);
  }

  start(): void {
    if (this.current.terminal) this.resolveFinished(this.current);
    else this.schedule();
  }

  private schedule(): void {
    if (this.current.terminal) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.poll().then(() => this.schedule());
    }, JOB_POLL_INTERVAL_MS);
  }

  private async poll(): Promise<void> {
    if (this.current.terminal) return;
    const job = await this.client.getJobAttributes(this.jobId);
    const printerAttributes = await this.client.getPrinterAttributes();
    const printer = printerAttributes.ok ? printerStatusOf(printerAttributes.value) : unreachableStatus(errorOf(printerAttributes.error).detail);
    if (!job.ok) {
      if (job.error.kind === 'refused' && job.error.status === IPP_NOT_FOUND) {
        // The printer no longer knows the job (restarted, purged): it will never finish; what came out is unknown.
        this.update({ ...this.current, state: 'aborted', terminal: true, pagesConfirmed: false, printer, message: 'the printer no longer knows this job' });
        return;
      }
      this.update({ ...this.current, printer: job.error.kind === 'transport' ? unreachableStatus(errorOf(job.error).detail) : printer });
      return;
    }
    this.countPages(job.value);
    this.update(this.snapshotFrom(job.value, this.current.pagesExpected, printer, this.countedSheets));
  }

  /** Adds newly printed sheets to the paper counter (one per impression: certificates print one-sided). */
  private countPages(job: JobAttributes): void {
    const reported = job.impressionsCompleted ?? job.sheetsCompleted;
    if (reported !== null) this.reportedCount = true;
    const state = JOB_STATES[job.state] ?? 'pending';
    const pages = state === 'completed' ? this.current?.pagesExpected ?? 0 : (reported ?? this.countedSheets);
    const capped = Math.min(Math.max(pages, this.countedSheets), this.current?.pagesExpected ?? pages);
    if (capped > this.countedSheets) {
      this.paper.record(capped - this.countedSheets);
      this.countedSheets = capped;
    }
  }

  private snapshotFrom(job: JobAttributes, pagesExpected: number, printer: A4PrinterStatus, pagesPrinted: number): A4JobSnapshot {
    const state = JOB_STATES[job.state] ?? 'pending';
    return {
      jobId: job.jobId,
      state,
      terminal: isTerminal(state),
      pagesExpected,
      pagesPrinted,
      pagesConfirmed: state === 'completed' || this.reportedCount,
      printer,
      message: job.stateMessage,
    };
  }

  private update(next: A4JobSnapshot): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    const previous = this.current;
    this.current = next;
    if (previous.state !== next.state || previous.printer.faults.join() !== next.printer.faults.join()) {
      this.log.info({ event: 'a4-printer.job.state', jobId: next.jobId, state: next.state, faults: next.printer.faults, pagesPrinted: next.pagesPrinted });
    }
    for (const listener of [...this.listeners]) listener(next);
    if (next.terminal) {
      if (this.timer) this.clock.clearTimeout(this.timer);
      this.log.info({ event: 'a4-printer.job.end', jobId: next.jobId, outcome: next.state, pagesPrinted: next.pagesPrinted, pagesExpected: next.pagesExpected });
      this.resolveFinished(next);
    }
  }
}
