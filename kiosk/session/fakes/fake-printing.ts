import { documentOf, type DocumentCode } from '../../../catalog';
import type { Clock } from '../../../common/clock';
import { err, ok, type Result } from '../../../common/result';
import type { PrinterStatus, PrintOutcome } from '../../../state-machines/session/facts';
import type { PrintCopyRequest, PrintingPort, RenderedDocument, RenderFailure, RenderRequest, Slip, SlipFault } from '../ports';

/**
 * An A4 certificate printer and a receipt printer. Pages leave the printer one by one on the injected clock; a
 * planned fault stops a job after a given page (the pages before it are out, as on a real printer) and the printer
 * stays faulted until fixed by the test or after `recoversAfterMs`. Every sheet is counted, every page printed is
 * logged, so tests can reconcile paper with the session's accounts.
 */
export const FAKE_RENDER_MS = 80;
export const FAKE_PAGE_MS = 900;
export const FAKE_SLIP_MS = 700;

export type PlannedFault = {
  /** The fault happens when this page of a job would come out (1 = before any page). */
  readonly atPage: number;
  readonly code: string;
  /** The printer comes back by itself this long after the fault; null = only when a test fixes it. */
  readonly recoversAfterMs: number | null;
};

type Rendered = { readonly code: DocumentCode; readonly pages: number; readonly issuanceNumber: string };

export class FakePrinting implements PrintingPort {
  a4: PrinterStatus['a4']['state'] = 'ready';
  a4FaultCode: string | null = null;
  sheetsLeft: number | null = 500;
  receipt: PrinterStatus['receipt']['state'] = 'ready';
  /** Pages of one copy per document (default: the catalogue's typical pages). */
  readonly pagesOf = new Map<DocumentCode, number>();
  renderFails = false;
  /** Faults planned for the next jobs, in order (one per job). */
  readonly faults: PlannedFault[] = [];
  slipFails = false;

  // what really came out
  readonly printed: { readonly issuanceNumber: string; readonly code: DocumentCode; readonly copy: number; readonly page: number }[] = [];
  readonly slips: Slip[] = [];
  readonly documents = new Map<string, Rendered>();
  /** Pages of one copy by issuance number, kept after discard for the tests' reconciliation. */
  readonly pagesByIssuance = new Map<string, number>();
  discarded = 0;
  private nextRef = 1;
  private generation = 0;

  constructor(private readonly clock: Clock) {}

  async status(): Promise<PrinterStatus> {
    return {
      a4: { state: this.a4, sheetsLeft: this.sheetsLeft, faultCode: this.a4FaultCode },
      receipt: { state: this.receipt, faultCode: null },
    };
  }

  async render(request: RenderRequest): Promise<Result<RenderedDocument, RenderFailure>> {
    await this.clock.sleep(FAKE_RENDER_MS);
    if (this.renderFails) return err({ kind: 'render-failed', detail: 'template error' });
    const pages = this.pagesOf.get(request.documentCode) ?? documentOf(request.documentCode).typicalPages;
    const ref = `pdf-${this.nextRef++}`;
    this.documents.set(ref, { code: request.documentCode, pages, issuanceNumber: request.grant.issuanceNumber });
    this.pagesByIssuance.set(request.grant.issuanceNumber, pages);
    return ok({ ref, pages });
  }

  /** The print service lost its rendered documents (restart, cache cleared). */
  loseRenderedDocuments(): void {
    this.documents.clear();
  }

  fix(): void {
    this.a4 = 'ready';
    this.a4FaultCode = null;
  }

  async printCopy(request: PrintCopyRequest, onPage: (page: number) => void): Promise<PrintOutcome> {
    const document = this.documents.get(request.ref);
    if (!document) return { kind: 'document-unavailable' };
    const generation = this.generation;
    if (this.a4 !== 'ready') return { kind: 'fault', printedTo: request.fromPage - 1, code: this.a4FaultCode ?? 'offline' };
    const fault = this.faults.shift() ?? null;
    for (let page = request.fromPage; page <= document.pages; page++) {
      await this.clock.sleep(FAKE_PAGE_MS);
      if (generation !== this.generation) return { kind: 'fault', printedTo: page - 1, code: 'power-loss' };
      const outOfPaper = this.sheetsLeft !== null && this.sheetsLeft <= 0;
      if ((fault && page - request.fromPage + 1 >= fault.atPage) || outOfPaper) {
        const code = outOfPaper ? 'paper-out' : fault!.code;
        this.a4 = 'fault';
        this.a4FaultCode = code;
        const recovers = outOfPaper ? null : fault!.recoversAfterMs;
        if (recovers !== null) this.clock.setTimeout(() => this.fix(), recovers);
        return { kind: 'fault', printedTo: page - 1, code };
      }
      if (this.sheetsLeft !== null) this.sheetsLeft--;
      this.printed.push({ issuanceNumber: document.issuanceNumber, code: document.code, copy: request.copy, page });
      onPage(page);
    }
    return { kind: 'printed' };
  }

  async printSlip(slip: Slip): Promise<Result<void, SlipFault>> {
    await this.clock.sleep(FAKE_SLIP_MS);
    if (this.slipFails || this.receipt === 'fault' || this.receipt === 'offline') return err({ code: 'receipt-printer-fault' });
    this.slips.push(slip);
    return ok(undefined);
  }

  discard(ref: string): void {
    if (this.documents.delete(ref)) this.discarded++;
  }

  /** Power cut: a job in progress stops after the page in flight. Rendered documents are lost with the power. */
  powerCycle(): void {
    this.generation++;
    this.documents.clear();
  }

  /** Copies of an issuance number whose every page came out of the printer. */
  completeCopies(issuanceNumber: string): number {
    const expected = this.pagesByIssuance.get(issuanceNumber) ?? 0;
    const pages = new Map<number, Set<number>>();
    for (const entry of this.printed) {
      if (entry.issuanceNumber !== issuanceNumber) continue;
      const set = pages.get(entry.copy) ?? new Set<number>();
      set.add(entry.page);
      pages.set(entry.copy, set);
    }
    return [...pages.values()].filter((set) => expected > 0 && set.size >= expected).length;
  }
}
