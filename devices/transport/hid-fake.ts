import { EventEmitter } from 'node:events';
import { err, ok, type Result } from '../../common/result';
import { bytesOfReport, DEFAULT_HID_FRAMING, maxBytesPerReport, type HidDevice, type HidFraming, type HidLister, type HidOpener } from './hid';
import { TransportListeners } from './listeners';
import type { Transport, TransportError, TransportEvent } from './transport';

/**
 * Fake USB-HID devices for tests and the simulated kiosk: they behave like node-hid's `HIDAsync` (reports as Buffers,
 * `error` when unplugged, writes that throw once the device is gone) without a kernel or libusb.
 */
export class FakeHidDevice extends EventEmitter implements HidDevice {
  /** Every report the host wrote, as given to `write` (report id first). */
  readonly written: Buffer[] = [];
  closed = false;
  private gone = false;

  constructor(private readonly onWrite: (report: Buffer) => void = () => undefined) {
    super();
  }

  async write(report: number[] | Buffer): Promise<number> {
    if (this.gone) throw new Error('Cannot write to hid device (device disconnected)');
    if (this.closed) throw new Error('Cannot write to closed device');
    const buffer = Buffer.from(report);
    this.written.push(buffer);
    this.onWrite(buffer);
    return buffer.length;
  }

  /** An input report from the device, delivered asynchronously like node-hid's read thread. */
  emitReport(report: Uint8Array): void {
    const copy = Buffer.from(report);
    setImmediate(() => {
      if (!this.closed && !this.gone) this.emit('data', copy);
    });
  }

  /** The cable is pulled: node-hid's read loop fails and the device is unusable. */
  disconnect(): void {
    if (this.gone) return;
    this.gone = true;
    if (!this.closed) this.emit('error', new Error('could not read from HID device'));
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * A fake HID byte-stream device with the module's side exposed as a `Transport`, so a device simulator (e.g. the
 * fingerprint simulator) can sit on the other end exactly as it does on a loopback or a pty. Reports written by the
 * host are checked against the framing; mistakes are collected in `violations` for tests to assert on.
 */
export class FakeHidStreamLink {
  readonly device: Transport;
  readonly violations: string[] = [];
  /** Input reports sent to the host. */
  readonly inputReports: Buffer[] = [];
  private current: FakeHidDevice | undefined;
  private unpluggedNow = false;
  private readonly deviceEnd: FakeStreamEnd;

  constructor(readonly framing: HidFraming = DEFAULT_HID_FRAMING) {
    this.deviceEnd = new FakeStreamEnd((bytes) => this.toHost(bytes));
    this.device = this.deviceEnd;
  }

  /** Pass as the `HidOpener` of the host's `HidStreamTransport`. */
  readonly opener: HidOpener = async () => {
    if (this.unpluggedNow) throw new Error('could not open HID device');
    const device = new FakeHidDevice((report) => this.fromHost(report));
    this.current = device;
    return device;
  };

  readonly present: HidLister = async () => !this.unpluggedNow;

  /** Reports the host wrote to the device that is open now. */
  get written(): readonly Buffer[] {
    return this.current?.written ?? [];
  }

  get unplugged(): boolean {
    return this.unpluggedNow;
  }

  unplug(): void {
    this.unpluggedNow = true;
    // The module keeps running while unplugged; it simply hears nothing until the host reopens.
    this.current?.disconnect();
  }

  replug(): void {
    this.unpluggedNow = false;
  }

  private fromHost(report: Buffer): void {
    const prefix = this.framing.mode === 'length-prefix' ? 1 : 0;
    if (report.length !== prefix + this.framing.reportSize) {
      this.violations.push(`report of ${report.length} bytes, expected ${prefix + this.framing.reportSize}`);
      return;
    }
    if (prefix === 1 && report[0] !== 0) this.violations.push(`report id ${report[0]} on an unnumbered report`);
    const bytes = bytesOfReport(report.subarray(prefix), this.framing);
    if (!bytes.ok) {
      this.violations.push(bytes.error);
      return;
    }
    if (bytes.value.length === 0) this.violations.push('report carries no bytes');
    this.deviceEnd.receive(bytes.value);
  }

  private toHost(bytes: Uint8Array): boolean {
    const device = this.current;
    if (!device || this.unpluggedNow || device.closed) return false;
    const perReport = maxBytesPerReport(this.framing);
    for (let at = 0; at < bytes.length; at += perReport) {
      const chunk = bytes.subarray(at, at + perReport);
      const report = Buffer.alloc(this.framing.reportSize);
      report[0] = chunk.length;
      report.set(chunk, 1);
      this.inputReports.push(report);
      device.emitReport(report);
    }
    return true;
  }
}

/** The module's end of a fake HID stream. */
class FakeStreamEnd implements Transport {
  readonly description = 'fake-hid#device';
  private readonly listeners = new TransportListeners();
  private opened = false;

  constructor(private readonly send: (bytes: Uint8Array) => boolean) {}

  get isOpen(): boolean {
    return this.opened;
  }

  async open(): Promise<Result<void, TransportError>> {
    this.opened = true;
    return ok(undefined);
  }

  async write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    if (!this.opened) return err({ kind: 'closed', detail: 'device end is not open' });
    // A device whose host is not listening loses its bytes, as on a real USB line.
    this.send(Uint8Array.from(bytes));
    return ok(undefined);
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.listeners.emit({ type: 'closed', reason: 'closed by device' });
  }

  receive(bytes: Uint8Array): void {
    if (this.opened) this.listeners.emit({ type: 'data', bytes });
  }
}
