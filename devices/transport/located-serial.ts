import { SerialPort } from 'serialport';
import { err, type Result } from '../../common/result';
import { TransportListeners } from './listeners';
import { describeLocator, isLocatorPresent, locateSerialPort, type DeviceLocator, type PortLister } from './match';
import { SerialTransport } from './serial';
import type { SerialSettings, Transport, TransportError, TransportEvent } from './transport';

const listSerialPorts: PortLister = () => SerialPort.list();

/**
 * A serial transport for a device named by a stable locator: each `open()` finds the device again (its
 * `/dev/ttyUSBn` may have changed after a replug) and opens a fresh port. Subscribers stay subscribed across
 * reopenings, so a driver's supervisor can close and reopen without re-wiring.
 */
export class LocatedSerialTransport implements Transport {
  private readonly listeners = new TransportListeners();
  private current: SerialTransport | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly locator: DeviceLocator,
    private readonly settings: SerialSettings,
    private readonly list: PortLister = listSerialPorts,
  ) {}

  get description(): string {
    return `serial:${describeLocator(this.locator)}`;
  }

  get isOpen(): boolean {
    return this.current?.isOpen ?? false;
  }

  /** The OS path the device was last opened at (for the technician's log). */
  get openedPath(): string | undefined {
    return this.current?.path;
  }

  async open(): Promise<Result<void, TransportError>> {
    await this.close();
    const located = await locateSerialPort(this.locator, this.list);
    if (!located.ok) return err({ kind: 'not-found', detail: located.error.detail });
    const port = new SerialTransport(located.value, this.settings);
    const opened = await port.open();
    if (!opened.ok) return opened;
    this.current = port;
    this.unsubscribe = port.subscribe((event) => this.listeners.emit(event));
    return opened;
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    if (!this.current) return Promise.resolve(err({ kind: 'closed', detail: `${this.description} is not open` }));
    return this.current.write(bytes);
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const port = this.current;
    this.current = undefined;
    if (!port) return;
    // Closing on purpose is not a disconnection: stop forwarding before the port reports it closed.
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await port.close();
  }

  /** The second disconnect signal: is the device still in the OS's list? */
  isPresent(): Promise<boolean> {
    return isLocatorPresent(this.locator, this.list);
  }
}
