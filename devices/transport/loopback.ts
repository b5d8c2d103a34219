import { err, ok, type Result } from '../../common/result';
import { TransportListeners } from './listeners';
import type { Transport, TransportError, TransportEvent } from './transport';

/**
 * An in-process pair of connected transports: what the host writes arrives at the device end and vice versa,
 * asynchronously as on a real line. The device end is where a simulator sits. `unplug()` makes both ends fail
 * the way a pulled USB cable does; `replug()` lets the host reopen.
 */
export type LoopbackOptions = {
  /** ccTalk runs on one wire: the host reads back its own bytes before the reply. */
  readonly echo?: boolean;
};

class LoopbackEnd implements Transport {
  readonly listeners = new TransportListeners();
  peer!: LoopbackEnd;
  private opened = false;

  constructor(
    readonly description: string,
    private readonly pair: LoopbackPair,
    private readonly echo: boolean,
  ) {}

  get isOpen(): boolean {
    return this.opened;
  }

  async open(): Promise<Result<void, TransportError>> {
    if (this.pair.unplugged) return err({ kind: 'not-found', detail: `${this.description}: no such device` });
    this.opened = true;
    return ok(undefined);
  }

  async write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    if (!this.opened) return err({ kind: 'closed', detail: `${this.description} is not open` });
    if (this.pair.unplugged) return err({ kind: 'write-failed', detail: `${this.description}: device disconnected` });
    const copy = Uint8Array.from(bytes);
    if (this.echo) queueMicrotask(() => this.deliver(copy));
    queueMicrotask(() => this.peer.deliver(copy));
    return ok(undefined);
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.listeners.emit({ type: 'closed', reason: 'closed by host' });
  }

  deliver(bytes: Uint8Array): void {
    if (this.opened && !this.pair.unplugged) this.listeners.emit({ type: 'data', bytes });
  }

  dropConnection(reason: string): void {
    if (!this.opened) return;
    this.opened = false;
    this.listeners.emit({ type: 'error', error: { kind: 'io-error', detail: reason } });
    this.listeners.emit({ type: 'closed', reason });
  }
}

export class LoopbackPair {
  readonly host: Transport;
  readonly device: Transport;
  unplugged = false;

  constructor(name: string, options: LoopbackOptions = {}) {
    const host = new LoopbackEnd(`loopback:${name}`, this, options.echo ?? false);
    const device = new LoopbackEnd(`loopback:${name}#device`, this, false);
    host.peer = device;
    device.peer = host;
    this.host = host;
    this.device = device;
  }

  /** Pull the cable: both ends see an I/O error and close; opening fails until `replug()`. */
  unplug(): void {
    this.unplugged = true;
    (this.host as LoopbackEnd).dropConnection('device disconnected (unplugged)');
    (this.device as LoopbackEnd).dropConnection('host disconnected (unplugged)');
  }

  replug(): void {
    this.unplugged = false;
  }
}
