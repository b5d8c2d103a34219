import { err, ok, type Result } from '../../common/result';
import { TransportListeners } from './listeners';
import type { Transport, TransportError, TransportEvent } from './transport';

/**
 * USB-HID through node-hid 3 (`HIDAsync`, reference/protocols.md §6).
 *
 * Two uses in the kiosk:
 * - a byte-stream device (the fingerprint reader's R30x packets) whose bytes ride in fixed-size reports:
 *   `HidStreamTransport` splits what the driver writes into reports and joins what arrives, so the codec and driver
 *   are the same as over a UART;
 * - a report device (the tactile keypad's keyboard reports): the driver reads `HidDevice` reports directly.
 *
 * Both depend only on the small `HidDevice` interface below, so tests run against a fake device and production
 * against node-hid without either knowing.
 */

/** The part of node-hid's `HIDAsync` the kiosk uses. */
export interface HidDevice {
  /** First byte is the report id (0x00 for devices without numbered reports), as node-hid expects. */
  write(report: number[] | Buffer): Promise<number>;
  on(event: 'data', listener: (report: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(event?: string): this;
  close(): Promise<void>;
}

/** Which device: by VID/PID, or by the OS path (hidraw node) when two identical devices are attached. */
export type HidSelector = { readonly vendorId: number; readonly productId: number; readonly path?: string };

export type HidOpener = (selector: HidSelector) => Promise<HidDevice>;

/** Lists attached devices; the second disconnect signal (protocols.md §6). */
export type HidLister = (selector: HidSelector) => Promise<boolean>;

/** node-hid is loaded on first use so that processes without HID devices never load libusb. */
export const openNodeHid: HidOpener = async (selector) => {
  const { HIDAsync } = await import('node-hid');
  const device = selector.path ? await HIDAsync.open(selector.path) : await HIDAsync.open(selector.vendorId, selector.productId);
  return device as unknown as HidDevice;
};

/** Enumeration is expensive (protocols.md §6): call it only to confirm a suspected disconnect, never to poll. */
export const nodeHidPresent: HidLister = async (selector) => {
  try {
    const { devicesAsync } = await import('node-hid');
    const found = await devicesAsync(selector.vendorId, selector.productId);
    return found.some((device) => selector.path === undefined || device.path === selector.path);
  } catch {
    return false;
  }
};

/**
 * How stream bytes are packed into reports. Every report is `reportSize` bytes on the wire; its first byte counts
 * the stream bytes that follow (1 … reportSize − 1), the rest is zero padding.
 * - `length-prefix`: reports are unnumbered, so node-hid is given a leading 0x00 report id, then the count byte.
 * - `length-report-id`: the count byte *is* the report id, as USB-HID-to-UART bridges such as the CP2110 do.
 * Either way the device's input reports arrive as `[count, bytes…, padding]`.
 */
export type HidFraming = {
  readonly reportSize: number;
  readonly mode: 'length-prefix' | 'length-report-id';
};

export const DEFAULT_HID_FRAMING: HidFraming = { reportSize: 64, mode: 'length-prefix' };

export function maxBytesPerReport(framing: HidFraming): number {
  return framing.reportSize - 1;
}

/** The buffers to hand to `HidDevice.write`, in order, for `bytes` of the stream. */
export function splitIntoReports(bytes: Uint8Array, framing: HidFraming): Buffer[] {
  const perReport = maxBytesPerReport(framing);
  if (perReport < 1) throw new Error(`HID report size ${framing.reportSize} leaves no room for data`);
  const reports: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += perReport) {
    const chunk = bytes.subarray(at, at + perReport);
    const prefix = framing.mode === 'length-prefix' ? 1 : 0;
    const report = Buffer.alloc(prefix + framing.reportSize);
    report[prefix] = chunk.length;
    report.set(chunk, prefix + 1);
    reports.push(report);
  }
  return reports;
}

/** The stream bytes carried by one input report. */
export function bytesOfReport(report: Uint8Array, framing: HidFraming): Result<Uint8Array, string> {
  if (report.length === 0) return err('empty report');
  const count = report[0]!;
  if (count > maxBytesPerReport(framing)) return err(`report claims ${count} bytes, at most ${maxBytesPerReport(framing)} fit`);
  if (count > report.length - 1) return err(`report claims ${count} bytes but carries ${report.length - 1}`);
  return ok(report.slice(1, 1 + count));
}

/**
 * A byte-stream `Transport` over HID reports. Writes are queued so that the reports of two writes never interleave.
 * node-hid emits `error` when the device is pulled; that is reported as an I/O error and the transport closes.
 */
export class HidStreamTransport implements Transport {
  private readonly listeners = new TransportListeners();
  private device: HidDevice | undefined;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly selector: HidSelector,
    private readonly framing: HidFraming = DEFAULT_HID_FRAMING,
    private readonly opener: HidOpener = openNodeHid,
  ) {}

  get description(): string {
    const id = `${hex4(this.selector.vendorId)}:${hex4(this.selector.productId)}`;
    return `hid:${id}${this.selector.path ? `@${this.selector.path}` : ''}`;
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  async open(): Promise<Result<void, TransportError>> {
    if (this.device) return ok(undefined);
    let device: HidDevice;
    try {
      device = await this.opener(this.selector);
    } catch (error) {
      const detail = (error as Error).message;
      const missing = /could not open|cannot open|not found|no device/i.test(detail);
      return err({ kind: missing ? 'not-found' : 'open-failed', detail });
    }
    this.device = device;
    device.on('data', (report) => {
      const bytes = bytesOfReport(report, this.framing);
      if (bytes.ok) {
        if (bytes.value.length > 0) this.listeners.emit({ type: 'data', bytes: bytes.value });
      } else {
        this.listeners.emit({ type: 'error', error: { kind: 'io-error', detail: `malformed HID report: ${bytes.error}` } });
      }
    });
    device.on('error', (error) => this.lost(device, error.message));
    return ok(undefined);
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    const device = this.device;
    if (!device) return Promise.resolve(err({ kind: 'closed', detail: `${this.description} is not open` }));
    const reports = splitIntoReports(bytes, this.framing);
    const done = this.writing.then(async (): Promise<Result<void, TransportError>> => {
      try {
        for (const report of reports) {
          if (this.device !== device) return err({ kind: 'closed', detail: `${this.description} closed while writing` });
          await device.write(report);
        }
        return ok(undefined);
      } catch (error) {
        const detail = (error as Error).message;
        this.lost(device, detail);
        return err({ kind: 'write-failed', detail });
      }
    });
    this.writing = done;
    return done;
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.device = undefined;
    device.removeAllListeners();
    try {
      await device.close();
    } catch {
      // Already gone (unplugged): nothing left to release.
    }
    this.listeners.emit({ type: 'closed', reason: 'closed by host' });
  }

  private lost(device: HidDevice, detail: string): void {
    if (this.device !== device) return;
    this.device = undefined;
    device.removeAllListeners();
    device.close().catch(() => undefined);
    this.listeners.emit({ type: 'error', error: { kind: 'io-error', detail } });
    this.listeners.emit({ type: 'closed', reason: detail });
  }
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
