import type { Clock } from '../../common/clock';
import { err, ok, type Result } from '../../common/result';
import type { Transport, TransportError } from '../transport';
import { PaperInterpreter, printsSomething, type PrintedReceipt } from './paper';
import { EscPosParser, type EscPosCommand } from './parser';
import {
  canPrint,
  encodeAsb,
  encodeRealTimeStatus,
  HEALTHY_STATUS,
  sameStatus,
  type ReceiptPrinterStatus,
} from './status';

/**
 * A thermal receipt printer on the device end of a transport: it interprets ESC/POS, answers real-time status
 * at once, sends automatic status back on every change, answers process-ID requests once what came before is
 * printed, and records what it printed, decoded. Faults stop the print head mid-receipt exactly where a real one
 * stops: the rest waits in the buffer until the fault clears or the host clears the buffer.
 */
export type ReceiptSimulatorEvent =
  | { readonly type: 'printed'; readonly receipt: PrintedReceipt }
  | { readonly type: 'status'; readonly status: ReceiptPrinterStatus; readonly cause: string };

export type ReceiptPrinterSimulatorOptions = {
  readonly clock: Clock;
  /** Print time per line on the simulated clock; 0 prints instantly. */
  readonly msPerLine?: number;
};

/** The control handle tests, the demo and `kiosk sim receipt-printer` use to act as the outside world. */
export interface ReceiptPrinterControl {
  paperOut(): void;
  paperNearEnd(): void;
  refillPaper(): void;
  /** The roll runs out after `lines` more printed lines (to fail mid-receipt). */
  paperOutAfterLines(lines: number): void;
  openCover(): void;
  closeCover(): void;
  cutterError(): void;
  /** A mechanism jam: unrecoverable until cleared by a technician (power cycle). */
  jam(): void;
  /** Clears cutter, jam and recoverable errors (a technician's intervention). */
  clearErrors(): void;
  setOffline(offline: boolean): void;
  /** No power: the printer answers nothing at all. */
  powerOff(): void;
  powerOn(): void;
  status(): ReceiptPrinterStatus;
  readonly printed: readonly PrintedReceipt[];
  readonly statusLog: readonly { readonly at: number; readonly status: ReceiptPrinterStatus; readonly cause: string }[];
  subscribe(listener: (event: ReceiptSimulatorEvent) => void): () => void;
}

export class ReceiptPrinterSimulator implements ReceiptPrinterControl {
  private readonly parser = new EscPosParser();
  private readonly paper = new PaperInterpreter();
  private readonly queue: EscPosCommand[] = [];
  private readonly listeners = new Set<(event: ReceiptSimulatorEvent) => void>();
  private current: ReceiptPrinterStatus = HEALTHY_STATUS;
  private asbMask = 0;
  private powered = true;
  private pumping = false;
  private linesLeft: number | null = null;
  private unsubscribe: (() => void) | undefined;
  readonly printed: PrintedReceipt[] = [];
  readonly statusLog: { at: number; status: ReceiptPrinterStatus; cause: string }[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly options: ReceiptPrinterSimulatorOptions,
  ) {}

  async start(): Promise<Result<void, TransportError>> {
    const opened = this.transport.isOpen ? ok(undefined) : await this.transport.open();
    if (!opened.ok) return err(opened.error);
    this.unsubscribe = this.transport.subscribe((event) => {
      if (event.type === 'data') this.receive(event.bytes);
    });
    return ok(undefined);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.transport.close();
  }

  subscribe(listener: (event: ReceiptSimulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): ReceiptPrinterStatus {
    return this.current;
  }

  paperOut(): void {
    this.change({ paper: 'out' }, 'paper out');
  }
  paperNearEnd(): void {
    this.change({ paper: 'near-end' }, 'paper near end');
  }
  refillPaper(): void {
    this.linesLeft = null;
    this.change({ paper: 'ok' }, 'paper refilled');
  }
  paperOutAfterLines(lines: number): void {
    this.linesLeft = Math.max(0, lines);
  }
  openCover(): void {
    this.change({ coverOpen: true }, 'cover opened');
  }
  closeCover(): void {
    this.change({ coverOpen: false }, 'cover closed');
  }
  cutterError(): void {
    this.change({ cutterError: true }, 'cutter error');
  }
  jam(): void {
    this.change({ unrecoverableError: true }, 'mechanism jam');
  }
  clearErrors(): void {
    this.change({ cutterError: false, unrecoverableError: false, autoRecoverableError: false }, 'errors cleared');
  }
  setOffline(offline: boolean): void {
    this.offlineWanted = offline;
    this.change({}, offline ? 'offline' : 'online');
  }
  powerOff(): void {
    this.powered = false;
    this.queue.length = 0;
    this.abandonReceipt();
    this.asbMask = 0;
  }
  powerOn(): void {
    this.powered = true;
  }

  private emit(event: ReceiptSimulatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Conditions are set by the outside world; `online` follows from them (a stopped printer is offline). */
  private change(patch: Partial<Omit<ReceiptPrinterStatus, 'online'>>, cause: string): void {
    const conditions = { ...this.current, ...patch };
    const status: ReceiptPrinterStatus = { ...conditions, online: !this.offlineWanted && canPrint({ ...conditions, online: true }) };
    if (sameStatus(status, this.current)) return;
    this.current = status;
    this.statusLog.push({ at: this.options.clock.now(), status, cause });
    this.emit({ type: 'status', status, cause });
    if (this.asbMask !== 0 && this.powered) void this.send(encodeAsb(status));
    if (canPrint(status)) void this.pump();
  }

  private offlineWanted = false;

  private async send(bytes: Uint8Array): Promise<void> {
    if (!this.powered || !this.transport.isOpen) return;
    await this.transport.write(bytes);
  }

  private receive(bytes: Uint8Array): void {
    if (!this.powered) return;
    for (const command of this.parser.push(bytes)) {
      switch (command.kind) {
        case 'real-time-status': {
          const answers = encodeRealTimeStatus(this.current);
          const byte = [answers.printer, answers.offlineCause, answers.errorCause, answers.paperSensor][command.n - 1];
          if (byte !== undefined) void this.send(Uint8Array.of(byte));
          break;
        }
        case 'real-time-request':
          // DLE ENQ 1 / 2: recover from a recoverable error (2 also clears the buffers).
          if (command.n === 2) this.clearBuffers();
          if (this.current.cutterError || this.current.autoRecoverableError) {
            this.change({ cutterError: false, autoRecoverableError: false }, 'recovered by host');
          }
          break;
        case 'clear-buffers':
          this.clearBuffers();
          break;
        default:
          this.queue.push(command);
      }
    }
    void this.pump();
  }

  private clearBuffers(): void {
    this.queue.length = 0;
    this.abandonReceipt();
  }

  private abandonReceipt(): void {
    const partial = this.paper.abandon();
    if (partial) this.record(partial);
  }

  private record(receipt: PrintedReceipt): void {
    this.printed.push(receipt);
    this.emit({ type: 'printed', receipt });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const command = this.queue[0];
        if (!command || !this.powered) return;
        if (command.kind === 'automatic-status-back') {
          this.queue.shift();
          const enabling = this.asbMask === 0 && command.mask !== 0;
          this.asbMask = command.mask;
          // On enabling, a printer reports its present status once.
          if (enabling) await this.send(encodeAsb(this.current));
          continue;
        }
        if (!canPrint(this.current)) return;
        if (printsSomething(command)) {
          if (this.linesLeft === 0) {
            this.linesLeft = null;
            this.change({ paper: 'out' }, 'paper ran out while printing');
            return;
          }
          const msPerLine = this.options.msPerLine ?? 0;
          if (msPerLine > 0) {
            await this.options.clock.sleep(msPerLine);
            if (!canPrint(this.current) || this.queue[0] !== command) continue;
          }
          if (this.linesLeft !== null) this.linesLeft--;
        }
        this.queue.shift();
        if (command.kind === 'process-id') {
          await this.send(Uint8Array.from([0x37, 0x22, ...[...command.id].map((c) => c.charCodeAt(0)), 0x00]));
          continue;
        }
        const receipt = this.paper.apply(command);
        if (receipt) this.record(receipt);
      }
    } finally {
      this.pumping = false;
    }
  }
}
