import { SerialPort } from 'serialport';
import { err, ok, type Result } from '../../common/result';
import { TransportListeners } from './listeners';
import type { SerialSettings, Transport, TransportError, TransportEvent } from './transport';

/**
 * A serial port through `serialport`. Ports do not reliably emit `close` on unplug (protocols.md §6), so a failed
 * write or read is reported as an error event and the driver's supervisor decides, with a second signal, whether
 * the device is gone.
 */
export class SerialTransport implements Transport {
  private readonly listeners = new TransportListeners();
  private port: SerialPort | undefined;

  constructor(
    readonly path: string,
    private readonly settings: SerialSettings,
  ) {}

  get description(): string {
    return `serial:${this.path}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<Result<void, TransportError>> {
    return new Promise((resolve) => {
      const port = new SerialPort({
        path: this.path,
        baudRate: this.settings.baudRate,
        dataBits: this.settings.dataBits ?? 8,
        parity: this.settings.parity ?? 'none',
        stopBits: this.settings.stopBits ?? 1,
        autoOpen: false,
      });
      port.open((error) => {
        if (error) {
          const missing = /ENOENT|No such file/i.test(error.message);
          resolve(err({ kind: missing ? 'not-found' : 'open-failed', detail: error.message }));
          return;
        }
        this.port = port;
        port.on('data', (chunk: Buffer) => this.listeners.emit({ type: 'data', bytes: new Uint8Array(chunk) }));
        port.on('error', (e: Error) => this.listeners.emit({ type: 'error', error: { kind: 'io-error', detail: e.message } }));
        port.on('close', () => {
          this.port = undefined;
          this.listeners.emit({ type: 'closed', reason: 'port closed' });
        });
        resolve(ok(undefined));
      });
    });
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(err({ kind: 'closed', detail: `${this.description} is not open` }));
    return new Promise((resolve) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) {
          resolve(err({ kind: 'write-failed', detail: error.message }));
          return;
        }
        port.drain((drainError) =>
          resolve(drainError ? err({ kind: 'write-failed', detail: drainError.message }) : ok(undefined)),
        );
      });
    });
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}

/** Whether a serial path is present in the OS's port list (the second disconnect signal, protocols.md §6). */
export async function serialPortListed(path: string): Promise<boolean> {
  try {
    const ports = await SerialPort.list();
    return ports.some((port) => port.path === path || (port.pnpId !== undefined && path.includes(port.pnpId)));
  } catch {
    // Without udev the list cannot be read; fall back to the device node's presence.
    const { existsSync } = await import('node:fs');
    return existsSync(path);
  }
}
