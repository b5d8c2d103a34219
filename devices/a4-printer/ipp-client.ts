import { err, ok, type Result } from '../../common/result';
import {
  attribute,
  decodeIppMessage,
  encodeIppMessage,
  findAttribute,
  integerOf,
  ipp,
  stringsOf,
  type IppAttribute,
  type IppMessage,
} from './ipp-codec';
import type { IppTransport, IppTransportError } from './ipp-transport';

/**
 * The four IPP operations the kiosk needs (RFC 8011): Print-Job with a PDF, Get-Job-Attributes to follow it,
 * Get-Printer-Attributes for state and reasons, Cancel-Job to stop a job that must not finish later.
 */
export const OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
} as const;

export const IPP_VERSION = [2, 0] as const;

export type IppError =
  | { readonly kind: 'transport'; readonly error: IppTransportError }
  | { readonly kind: 'malformed'; readonly detail: string }
  /** The printer answered with an error status (client-error-… 0x04xx, server-error-… 0x05xx). */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string };

export type JobAttributes = {
  readonly jobId: number;
  /** 3 pending, 4 held, 5 processing, 6 stopped, 7 canceled, 8 aborted, 9 completed. */
  readonly state: number;
  readonly stateReasons: readonly string[];
  readonly stateMessage: string;
  readonly impressionsCompleted: number | null;
  readonly sheetsCompleted: number | null;
};

export type PrinterAttributes = {
  /** 3 idle, 4 processing, 5 stopped. */
  readonly state: number;
  readonly stateReasons: readonly string[];
  readonly stateMessage: string;
  readonly queuedJobs: number;
  readonly makeAndModel: string;
};

const JOB_ATTRIBUTES = ['job-id', 'job-state', 'job-state-reasons', 'job-state-message', 'job-impressions-completed', 'job-media-sheets-completed'];
const PRINTER_ATTRIBUTES = ['printer-state', 'printer-state-reasons', 'printer-state-message', 'queued-job-count', 'printer-make-and-model'];

export class IppClient {
  private requestId = 0;

  constructor(
    private readonly transport: IppTransport,
    /** The printer URI sent inside every request (`printer-uri`). */
    readonly printerUri: string,
    private readonly userName = 'kiosk',
  ) {}

  private operationAttributes(extra: IppAttribute[] = []): IppAttribute[] {
    // The first three attributes must come in this order (RFC 8011 §4.1.4).
    return [
      attribute('attributes-charset', ipp.charset('utf-8')),
      attribute('attributes-natural-language', ipp.language('en')),
      attribute('printer-uri', ipp.uri(this.printerUri)),
      attribute('requesting-user-name', ipp.name(this.userName)),
      ...extra,
    ];
  }

  private async call(code: number, attributes: IppAttribute[], jobAttributes: IppAttribute[] = [], data: Uint8Array = new Uint8Array(0)): Promise<Result<IppMessage, IppError>> {
    this.requestId = (this.requestId % 0x7fffffff) + 1;
    const request = encodeIppMessage({
      version: IPP_VERSION,
      code,
      requestId: this.requestId,
      groups: [{ name: 'operation', attributes }, ...(jobAttributes.length > 0 ? [{ name: 'job' as const, attributes: jobAttributes }] : [])],
      data,
    });
    const exchanged = await this.transport.exchange(request);
    if (!exchanged.ok) return err({ kind: 'transport', error: exchanged.error });
    const response = decodeIppMessage(exchanged.value);
    if (!response.ok) return err({ kind: 'malformed', detail: response.error });
    if (response.value.code >= 0x0400) {
      return err({ kind: 'refused', status: response.value.code, message: stringsOf(findAttribute(response.value, 'status-message')).join(' ') });
    }
    return ok(response.value);
  }

  async printJob(pdf: Uint8Array, options: { jobName: string; copies: number; impressions: number }): Promise<Result<JobAttributes, IppError>> {
    const response = await this.call(
      OPERATION.printJob,
      this.operationAttributes([
        attribute('job-name', ipp.name(options.jobName)),
        attribute('document-format', ipp.mime('application/pdf')),
        attribute('job-impressions', ipp.integer(options.impressions)),
      ]),
      [attribute('copies', ipp.integer(options.copies)), attribute('media', ipp.keyword('iso_a4_210x297mm'))],
      pdf,
    );
    return response.ok ? ok(jobAttributesOf(response.value)) : response;
  }

  async getJobAttributes(jobId: number): Promise<Result<JobAttributes, IppError>> {
    const response = await this.call(
      OPERATION.getJobAttributes,
      this.operationAttributes([attribute('job-id', ipp.integer(jobId)), attribute('requested-attributes', ...JOB_ATTRIBUTES.map(ipp.keyword))]),
    );
    return response.ok ? ok(jobAttributesOf(response.value)) : response;
  }

  async getPrinterAttributes(): Promise<Result<PrinterAttributes, IppError>> {
    const response = await this.call(
      OPERATION.getPrinterAttributes,
      this.operationAttributes([attribute('requested-attributes', ...PRINTER_ATTRIBUTES.map(ipp.keyword))]),
    );
    if (!response.ok) return response;
    const message = response.value;
    return ok({
      state: integerOf(findAttribute(message, 'printer-state', 'printer')) ?? 3,
      stateReasons: stringsOf(findAttribute(message, 'printer-state-reasons', 'printer')),
      stateMessage: stringsOf(findAttribute(message, 'printer-state-message', 'printer')).join(' '),
      queuedJobs: integerOf(findAttribute(message, 'queued-job-count', 'printer')) ?? 0,
      makeAndModel: stringsOf(findAttribute(message, 'printer-make-and-model', 'printer')).join(' '),
    });
  }

  async cancelJob(jobId: number): Promise<Result<void, IppError>> {
    const response = await this.call(OPERATION.cancelJob, this.operationAttributes([attribute('job-id', ipp.integer(jobId))]));
    return response.ok ? ok(undefined) : response;
  }
}

function jobAttributesOf(message: IppMessage): JobAttributes {
  return {
    jobId: integerOf(findAttribute(message, 'job-id', 'job')) ?? 0,
    state: integerOf(findAttribute(message, 'job-state', 'job')) ?? 3,
    stateReasons: stringsOf(findAttribute(message, 'job-state-reasons', 'job')),
    stateMessage: stringsOf(findAttribute(message, 'job-state-message', 'job')).join(' '),
    impressionsCompleted: integerOf(findAttribute(message, 'job-impressions-completed', 'job')) ?? null,
    sheetsCompleted: integerOf(findAttribute(message, 'job-media-sheets-completed', 'job')) ?? null,
  };
}
