import { randomUUID } from 'node:crypto';
import { createActor } from 'xstate';
import { documentOf, type DocumentCode } from '../../catalog';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import type { A4Printer } from '../../devices/a4-printer/driver';
import type { A4Fault } from '../../devices/a4-printer/status';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import { faultOf } from '../../devices/receipt-printer/status';
import { refundVoucher, renderCertificate, transactionReceipt, type Receipt } from '../../printer-templates';
import type { PrintJobOutcome, RecoveryPolicy } from '../../state-machines/print-job';
import { printJobMachineFor } from '../../state-machines/print-job-a4';
import type { PrinterStatus, PrintOutcome } from '../../state-machines/session/facts';
import type { PrintCopyRequest, PrintingPort, RenderedDocument, RenderFailure, RenderRequest, Slip, SlipFault } from '../session/ports';
import { pdfFromPage } from './pdf-pages';

/**
 * The session's PrintingPort over the printers: certificates rendered in memory by printer-templates, printed one
 * copy per IPP job through the print-job machine (which waits for faults anyone can clear and stops for the ones a
 * technician must), receipts and refund vouchers on the ESC/POS printer. Rendered PDFs live only in this adapter's
 * memory, keyed by an opaque ref, and are zeroed when the session discards them (domain.md, "Privacy").
 */
export const VOUCHER_CLAIM_DAYS = 365;

export type KioskIdentity = {
  readonly kioskId: string;
  readonly name: { readonly ko: string; readonly en: string };
  readonly address: string;
};

export type PrintingAdapterDeps = {
  readonly a4: A4Printer;
  readonly receipt: ReceiptPrinter;
  readonly kiosk: KioskIdentity;
  readonly clock: Clock;
  readonly log: Logger;
  /** The print job's recovery policy (defaults in state-machines/print-job.ts). */
  readonly policy?: RecoveryPolicy;
};

type RenderedCertificate = {
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly documentCode: DocumentCode;
  readonly issuanceNumber: string;
};

/** IPP fault keywords → the session's `printer.<code>` text keys. */
const FAULT_CODES: Record<A4Fault, string> = {
  'media-empty': 'paper-out',
  'media-jam': 'paper-jam',
  'cover-open': 'cover-open',
  'door-open': 'cover-open',
  'input-tray-missing': 'tray-missing',
  'toner-empty': 'toner-empty',
  'marker-supply-empty': 'toner-empty',
  offline: 'offline',
  paused: 'paused',
  other: 'printer-error',
};

/** Every code `faultCodeOf` can give: the session shows each as `printer.<code>` (the catalogues hold them all). */
export const PRINTER_FAULT_CODES: readonly string[] = [...new Set([...Object.values(FAULT_CODES), 'printer-error', 'job-aborted', 'job-canceled', 'job-stalled'])];

export function faultCodeOf(reason: PrintJobOutcome['reason']): string {
  if (reason === null) return 'printer-error';
  switch (reason) {
    case 'submit-failed':
      return 'offline';
    case 'status-unavailable':
      return 'offline';
    case 'aborted':
    case 'canceled':
    case 'stalled':
      return `job-${reason}`;
    default:
      return FAULT_CODES[reason];
  }
}

const VOUCHER_REASONS: Record<string, string> = {
  'change-unpaid': '거스름돈 부족',
  'refund-unpaid': '환불 동전 부족',
  'recovery-unpaid': '장애 후 환불 (동전 부족)',
  'recovery-unattended': '장애 후 환불',
};

/** A short, stable transaction number for the counter, from the session id (it is also in the issuance log). */
export function transactionNumberOf(sessionId: string): string {
  return `T${sessionId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 12).toUpperCase()}`;
}

function localDatePlusDays(at: number, days: number): string {
  // The claim date is a Korean calendar date (UTC+9, no daylight saving).
  return new Date(at + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export class DevicePrintingPort implements PrintingPort {
  private readonly documents = new Map<string, RenderedCertificate>();
  /** Pages of one copy per issuance number, for the receipt (kept after discard: a number, not content). */
  private readonly pagesOf = new Map<string, number>();

  constructor(private readonly deps: PrintingAdapterDeps) {}

  /** Rendered certificates held now (tests: none may outlive its session). */
  get heldDocuments(): number {
    return this.documents.size;
  }

  async status(): Promise<PrinterStatus> {
    const [a4, receipt] = await Promise.all([this.deps.a4.status(), this.deps.receipt.status()]);
    const sheetsLeft = this.deps.a4.paper.count.remaining;
    let a4Status: PrinterStatus['a4'];
    if (!a4.ok) a4Status = { state: 'offline', sheetsLeft, faultCode: 'offline' };
    else {
      const fault = a4.value.faults[0];
      a4Status = fault ? { state: fault === 'offline' ? 'offline' : 'fault', sheetsLeft, faultCode: FAULT_CODES[fault] } : { state: 'ready', sheetsLeft, faultCode: null };
    }
    let receiptStatus: PrinterStatus['receipt'];
    if (!receipt.ok) receiptStatus = { state: 'offline', faultCode: 'offline' };
    else {
      const fault = faultOf(receipt.value);
      if (fault) receiptStatus = { state: fault === 'offline' ? 'offline' : 'fault', faultCode: fault };
      else receiptStatus = { state: receipt.value.paper === 'near-end' ? 'paper-low' : 'ready', faultCode: null };
    }
    return { a4: a4Status, receipt: receiptStatus };
  }

  async render(request: RenderRequest): Promise<Result<RenderedDocument, RenderFailure>> {
    const { kiosk, clock, log } = this.deps;
    const started = clock.now();
    let rendered;
    try {
      rendered = await renderCertificate({
        response: request.grant,
        documentCode: request.documentCode,
        options: request.options,
        meta: { issuedAt: new Date(clock.now()), kioskId: kiosk.kioskId, kioskName: kiosk.name.ko },
      });
    } catch (error) {
      log.error({ event: 'printing.render', outcome: 'error', documentCode: request.documentCode, error });
      return err({ kind: 'render-failed', detail: 'the template failed' });
    }
    if (!rendered.ok) {
      log.warn({ event: 'printing.render', outcome: rendered.error.kind, documentCode: request.documentCode });
      return err({ kind: 'render-failed', detail: rendered.error.kind });
    }
    const ref = randomUUID();
    const { pdf, pages } = rendered.value;
    this.documents.set(ref, { pdf, pages, documentCode: request.documentCode, issuanceNumber: request.grant.issuanceNumber });
    this.pagesOf.set(request.grant.issuanceNumber, pages);
    log.info({ event: 'printing.render', outcome: 'ok', documentCode: request.documentCode, pages, bytes: pdf.length, ms: clock.now() - started });
    return ok({ ref, pages });
  }

  async printCopy(request: PrintCopyRequest, onPage: (page: number) => void): Promise<PrintOutcome> {
    const document = this.documents.get(request.ref);
    if (!document) return { kind: 'document-unavailable' };
    const { log, clock } = this.deps;
    const before = request.fromPage - 1;
    let pdf = document.pdf;
    let pages = document.pages;
    if (request.fromPage > 1) {
      const tail = pdfFromPage(document.pdf, request.fromPage);
      if (!tail.ok) {
        log.error({ event: 'printing.copy', outcome: 'tail-failed', issuanceNumber: document.issuanceNumber, detail: tail.error.detail });
        return { kind: 'fault', printedTo: before, code: 'printer-error' };
      }
      pdf = tail.value.pdf;
      pages = tail.value.pages;
    }
    // The issuance number, never personal data; the print-job machine adds the job's own copy index.
    const jobName = `${document.issuanceNumber}-${request.copy}of${request.copies}`;
    const machine = printJobMachineFor(this.deps.a4, { pdf, pages, jobName });
    const started = clock.now();
    log.info({ event: 'printing.copy.start', issuanceNumber: document.issuanceNumber, copy: request.copy, copies: request.copies, fromPage: request.fromPage, pages });
    const outcome = await new Promise<PrintJobOutcome | null>((resolve) => {
      const actor = createActor(machine, {
        input: { copies: 1, pagesPerCopy: pages, ...(this.deps.policy ? { policy: this.deps.policy } : {}) },
        clock,
      });
      let reported = 0;
      const report = (printed: number) => {
        for (; reported < Math.min(printed, pages); reported++) onPage(before + reported + 1);
      };
      actor.subscribe({
        next: (snapshot) => {
          report(snapshot.context.pagesOfCompletedCopies + snapshot.context.pagesOfCurrentCopy);
          if (snapshot.status === 'done') {
            const output = snapshot.output;
            if (output) report(output.pagesPrinted);
            resolve(output ?? null);
          }
        },
        error: (error) => {
          log.error({ event: 'printing.copy-error', error });
          resolve(null);
        },
      });
      actor.start();
    });
    if (!outcome) return { kind: 'fault', printedTo: before, code: 'printer-error' };
    const result: PrintOutcome =
      outcome.outcome === 'completed'
        ? { kind: 'printed' }
        : { kind: 'fault', printedTo: before + Math.min(outcome.pagesPrinted, pages), code: faultCodeOf(outcome.reason) };
    log.info({
      event: 'printing.copy.end',
      outcome: result.kind,
      issuanceNumber: document.issuanceNumber,
      copy: request.copy,
      ...(result.kind === 'fault' ? { printedTo: result.printedTo, code: result.code } : {}),
      ms: clock.now() - started,
    });
    return result;
  }

  async printSlip(slip: Slip): Promise<Result<void, SlipFault>> {
    const receipt = this.receiptOf(slip);
    const printed = await this.deps.receipt.print(receipt);
    if (printed.ok) return ok(undefined);
    return err({ code: printed.error.fault ?? printed.error.reason });
  }

  discard(ref: string): void {
    const document = this.documents.get(ref);
    if (!document) return;
    // The kiosk keeps no document contents after a session: zero the bytes, not only the reference.
    document.pdf.fill(0);
    this.documents.delete(ref);
  }

  private receiptOf(slip: Slip): Receipt {
    const { kiosk } = this.deps;
    switch (slip.kind) {
      case 'receipt':
        return transactionReceipt({
          kioskId: kiosk.kioskId,
          kioskName: kiosk.name.ko,
          issuedAt: new Date(slip.at),
          transactionNumber: transactionNumberOf(slip.sessionId),
          documents: slip.lines.map((line) => ({
            name: documentOf(line.documentCode).name.ko,
            copies: line.copies,
            pages: this.pagesOf.get(line.issuanceNumber) ?? documentOf(line.documentCode).typicalPages,
            fee: line.fee,
            issuanceNumber: line.issuanceNumber,
            waivedBy: null,
          })),
          total: slip.feesKept,
          paid: slip.paid,
          // Coins that came back, whether as change or as a refund of what could not be printed.
          change: (slip.change + slip.refunded) as Won,
          owed: slip.voucher ? { amount: slip.voucher.amount, voucherCode: slip.voucher.code } : null,
        });
      case 'voucher':
        return refundVoucher({
          kioskId: kiosk.kioskId,
          kioskName: kiosk.name.ko,
          issuedAt: new Date(slip.at),
          voucherCode: slip.voucher.code,
          amount: slip.voucher.amount,
          reason: VOUCHER_REASONS[slip.reason] ?? '환불',
          claimAt: `${kiosk.name.ko} (${kiosk.address})`,
          claimUntil: localDatePlusDays(slip.at, VOUCHER_CLAIM_DAYS),
        });
    }
  }
}
