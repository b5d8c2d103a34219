import type { Clock, TimerHandle } from '../../common/clock';
import { logged, type Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import type { Receipt } from '../../printer-templates/receipt/document';
import { layoutReceipt } from '../../printer-templates/receipt/layout';
import type { Transport } from '../transport';
import { automaticStatusBack, clearBuffers, concatBytes, initialise, processIdRequest, realTimeStatusRequest, type RealTimeStatusKind } from './commands';
import { encodeReceipt, type KoreanTextMode } from './encode';
import { PrinterReplyReader } from './replies';
import { canPrint, decodeRealTimeStatus, faultOf, type ReceiptPrinterFault, type ReceiptPrinterStatus } from './status';

/**
 * The kiosk's receipt printer over ESC/POS. Every receipt is bracketed by real-time status: before (is there
 * paper, is the cover shut), and after (did it come out). Completion is proven by a process-ID response, which
 * the printer sends only once everything before it has been printed; a receipt that did not come out is reported
 * as a failure with the status that explains it, never dropped in silence (reference/protocols.md §3).
 */
export const STATUS_REPLY_TIMEOUT_MS = 500;
/** Time to print a receipt: a base for the cut and feed, plus a margin per line at ~100 mm/s. */
export const PRINT_COMPLETION_BASE_MS = 5_000;
export const PRINT_COMPLETION_PER_LINE_MS = 80;
/** A fault that clears within this time (a cover shut again) lets the receipt finish. */
export const FAULT_GRACE_MS = 3_000;
export const RECONNECT_INTERVAL_MS = 2_000;
/** ASB on: drawer, online/offline, errors and paper sensors (GS a n, all bits). */
export const ASB_ALL = 0xff;

export type ReceiptPrinterError =
  | { readonly kind: 'disconnected'; readonly detail: string }
  | { readonly kind: 'no-response'; readonly detail: string };

export type ReceiptPrinted = {
  readonly before: ReceiptPrinterStatus;
  /** Null only when the printer confirmed the receipt but then did not answer the status read after it. */
  readonly after: ReceiptPrinterStatus | null;
};

export type ReceiptPrintFailure = {
  /**
   * `not-ready`: nothing was sent (status before forbade it). `failed-during-print`: sent but not confirmed printed;
   * the printer's buffer was cleared so that it cannot come out later for the next citizen.
   */
  readonly reason: 'disconnected' | 'no-response' | 'not-ready' | 'failed-during-print';
  readonly fault: ReceiptPrinterFault | null;
  readonly before: ReceiptPrinterStatus | null;
  readonly after: ReceiptPrinterStatus | null;
  readonly detail: string;
};

export type ReceiptPrinterEvent =
  | { readonly type: 'status'; readonly status: ReceiptPrinterStatus }
  | { readonly type: 'disconnected'; readonly detail: string }
  | { readonly type: 'reconnected'; readonly status: ReceiptPrinterStatus };

export interface ReceiptPrinter {
  readonly description: string;
  /** Opens the line, initialises the printer and turns automatic status back on. */
  connect(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>>;
  /** Real-time status (DLE EOT 1–4), answered even while the printer is busy or offline. */
  status(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>>;
  print(receipt: Receipt): Promise<Result<ReceiptPrinted, ReceiptPrintFailure>>;
  /** Status changes pushed by the printer (ASB), disconnection and reconnection. */
  subscribe(listener: (event: ReceiptPrinterEvent) => void): () => void;
  close(): Promise<void>;
}

export type EscPosReceiptPrinterOptions = {
  readonly clock: Clock;
  readonly log: Logger;
  readonly korean: KoreanTextMode;
};

type Waiter<T> = { resolve: (value: T | null) => void; timer: TimerHandle };

export class EscPosReceiptPrinter implements ReceiptPrinter {
  private readonly reader = new PrinterReplyReader();
  private readonly listeners = new Set<(event: ReceiptPrinterEvent) => void>();
  private realTimeWaiter: Waiter<number> | undefined;
  private readonly processWaiters = new Map<string, Waiter<true>>();
  private faultWatcher: ((status: ReceiptPrinterStatus) => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;
  private closed = false;
  private reconnectTimer: TimerHandle | undefined;
  private nextProcessId = 0;
  /** Serialises status reads and prints: real-time replies carry no tag, so only one question may be open. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly options: EscPosReceiptPrinterOptions,
  ) {}

  get description(): string {
    return `escpos ${this.transport.description} (korean: ${this.options.korean})`;
  }

  subscribe(listener: (event: ReceiptPrinterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>> {
    return this.exclusive(() => this.connectNow());
  }

  status(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>> {
    return this.exclusive(async () => {
      if (!this.connected) return err({ kind: 'disconnected', detail: `${this.transport.description} is not connected` });
      return this.readStatus();
    });
  }

  print(receipt: Receipt): Promise<Result<ReceiptPrinted, ReceiptPrintFailure>> {
    return this.exclusive(() =>
      logged(
        this.options.log,
        'receipt-printer.print',
        { receipt: receipt.kind },
        () => this.printNow(receipt),
        (result) => (result.ok ? 'printed' : result.error.reason),
      ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) this.options.clock.clearTimeout(this.reconnectTimer);
    this.unsubscribe?.();
    this.connected = false;
    await this.transport.close();
  }

  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action, action);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(event: ReceiptPrinterEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private async connectNow(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>> {
    if (!this.transport.isOpen) {
      const opened = await this.transport.open();
      if (!opened.ok) return err({ kind: 'disconnected', detail: opened.error.detail });
    }
    if (!this.unsubscribe) {
      this.unsubscribe = this.transport.subscribe((event) => {
        switch (event.type) {
          case 'data':
            this.onData(event.bytes);
            break;
          case 'error':
          case 'closed':
            this.onLost(event.type === 'error' ? event.error.detail : event.reason);
            break;
        }
      });
    }
    this.reader.reset();
    const written = await this.transport.write(concatBytes([initialise(), automaticStatusBack(ASB_ALL)]));
    if (!written.ok) return err({ kind: 'disconnected', detail: written.error.detail });
    this.connected = true;
    return this.readStatus();
  }

  private onData(bytes: Uint8Array): void {
    for (const reply of this.reader.push(bytes)) {
      switch (reply.kind) {
        case 'real-time': {
          const waiter = this.realTimeWaiter;
          this.realTimeWaiter = undefined;
          if (waiter) {
            this.options.clock.clearTimeout(waiter.timer);
            waiter.resolve(reply.byte);
          }
          break;
        }
        case 'asb':
          this.emit({ type: 'status', status: reply.status });
          this.faultWatcher?.(reply.status);
          break;
        case 'process-id': {
          const waiter = this.processWaiters.get(reply.id);
          if (waiter) {
            this.processWaiters.delete(reply.id);
            this.options.clock.clearTimeout(waiter.timer);
            waiter.resolve(true);
          }
          break;
        }
        case 'unexpected':
          this.options.log.warn({ event: 'receipt-printer.unexpected-byte', byte: reply.byte });
          break;
      }
    }
  }

  private onLost(detail: string): void {
    if (!this.connected) return;
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const waiter = this.realTimeWaiter;
    this.realTimeWaiter = undefined;
    waiter?.resolve(null);
    for (const [id, each] of this.processWaiters) {
      this.processWaiters.delete(id);
      each.resolve(null);
    }
    this.options.log.warn({ event: 'receipt-printer.disconnected', detail });
    this.emit({ type: 'disconnected', detail });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.exclusive(async () => {
        if (this.connected || this.closed) return;
        const result = await this.connectNow();
        if (result.ok) {
          this.options.log.info({ event: 'receipt-printer.reconnected' });
          this.emit({ type: 'reconnected', status: result.value });
        } else {
          this.connected = false;
          this.scheduleReconnect();
        }
      });
    }, RECONNECT_INTERVAL_MS);
  }

  private wait<T>(register: (waiter: Waiter<T>) => void, timeoutMs: number): Promise<T | null> {
    return new Promise((resolve) => {
      const waiter: Waiter<T> = {
        resolve,
        timer: this.options.clock.setTimeout(() => resolve(null), timeoutMs),
      };
      register(waiter);
    });
  }

  private async readStatusByte(n: RealTimeStatusKind): Promise<number | null> {
    const answer = this.wait<number>((waiter) => (this.realTimeWaiter = waiter), STATUS_REPLY_TIMEOUT_MS);
    const written = await this.transport.write(realTimeStatusRequest(n));
    if (!written.ok) {
      this.realTimeWaiter = undefined;
      return null;
    }
    const byte = await answer;
    if (byte === null) this.realTimeWaiter = undefined;
    return byte;
  }

  private async readStatus(): Promise<Result<ReceiptPrinterStatus, ReceiptPrinterError>> {
    const bytes: number[] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const byte = await this.readStatusByte(n);
      if (byte === null) {
        return err(
          this.connected
            ? { kind: 'no-response', detail: `no answer to DLE EOT ${n} within ${STATUS_REPLY_TIMEOUT_MS} ms` }
            : { kind: 'disconnected', detail: `${this.transport.description} disconnected` },
        );
      }
      bytes.push(byte);
    }
    const [printer = 0, offlineCause = 0, errorCause = 0, paperSensor = 0] = bytes;
    return ok(decodeRealTimeStatus({ printer, offlineCause, errorCause, paperSensor }));
  }

  private async printNow(receipt: Receipt): Promise<Result<ReceiptPrinted, ReceiptPrintFailure>> {
    if (!this.connected) {
      const reconnected = await this.connectNow();
      if (!reconnected.ok) return err({ reason: 'disconnected', fault: null, before: null, after: null, detail: reconnected.error.detail });
    }
    const before = await this.readStatus();
    if (!before.ok) return err({ reason: before.error.kind, fault: null, before: null, after: null, detail: before.error.detail });
    if (!canPrint(before.value)) {
      return err({ reason: 'not-ready', fault: faultOf(before.value), before: before.value, after: before.value, detail: 'printer not ready' });
    }

    const id = this.processId();
    const lines = layoutReceipt(receipt).length;
    const bytes = concatBytes([encodeReceipt(receipt, { korean: this.options.korean }), processIdRequest(id)]);
    const completion = this.wait<true>((waiter) => this.processWaiters.set(id, waiter), PRINT_COMPLETION_BASE_MS + lines * PRINT_COMPLETION_PER_LINE_MS);
    // A fault reported mid-print shortens the wait to a grace period: a cover shut again lets it finish.
    this.faultWatcher = (status) => {
      if (canPrint(status)) return;
      const waiter = this.processWaiters.get(id);
      if (!waiter) return;
      this.options.clock.clearTimeout(waiter.timer);
      waiter.timer = this.options.clock.setTimeout(() => {
        this.processWaiters.delete(id);
        waiter.resolve(null);
      }, FAULT_GRACE_MS);
    };
    const written = await this.transport.write(bytes);
    if (!written.ok) {
      this.processWaiters.delete(id);
      this.faultWatcher = undefined;
      return err({ reason: 'disconnected', fault: null, before: before.value, after: null, detail: written.error.detail });
    }
    const printed = await completion;
    this.faultWatcher = undefined;
    this.processWaiters.delete(id);
    if (!this.connected) {
      return err({ reason: 'disconnected', fault: null, before: before.value, after: null, detail: 'disconnected while printing' });
    }
    const after = await this.readStatus();
    const afterStatus = after.ok ? after.value : null;
    if (printed) return ok({ before: before.value, after: afterStatus });
    await this.transport.write(clearBuffers());
    return err({
      reason: 'failed-during-print',
      fault: afterStatus ? faultOf(afterStatus) : null,
      before: before.value,
      after: afterStatus,
      detail: 'the printer did not confirm the receipt was printed',
    });
  }

  private processId(): string {
    this.nextProcessId = (this.nextProcessId + 1) % 46656;
    return `R${this.nextProcessId.toString(36).toUpperCase().padStart(3, '0')}`;
  }
}
