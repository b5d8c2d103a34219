import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { Transport } from './transport';

/**
 * Keeps one device link alive (protocols.md §6). Serial ports do not reliably report an unplug, so the driver
 * reports what it sees — replies, silences, I/O errors — and the supervisor raises an alarm only on two signals:
 * repeated silence or an I/O error, *and* the device gone from the OS's list (or, when it is still listed, a
 * device that stays mute or cannot be reopened). Once offline it retries on a timer and lets the driver
 * re-initialise the device before declaring it back.
 */
export type LinkSignal = { readonly kind: 'silence' | 'io-error'; readonly detail: string };

export type OfflineReason =
  /** No reply and no longer in the port list (unplugged, powered off with its USB adapter). */
  | 'gone'
  /** Still listed but does not answer (powered off behind a plain RS-232 line, wrong port, wrong settings). */
  | 'not-responding'
  /** An I/O error and the port cannot be opened again. */
  | 'cannot-open';

export type LinkState =
  | { readonly kind: 'online' }
  | { readonly kind: 'suspect'; readonly signal: LinkSignal }
  | { readonly kind: 'offline'; readonly reason: OfflineReason; readonly detail: string };

export const SILENCE_LIMIT = 3;
export const RECONNECT_INTERVAL_MS = 2000;

export type LinkSupervisorOptions = {
  /** Device name for logs and alarms, e.g. `bill-acceptor`. */
  readonly device: string;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly log: Logger;
  /** The second signal: whether the device is still in the OS's list. */
  readonly isPresent: () => Promise<boolean>;
  /** Bring the device back to service after the transport reopened (power-up sequence); true when it answered. */
  readonly reinitialise: () => Promise<boolean>;
  readonly onChange: (state: LinkState) => void;
  readonly silenceLimit?: number;
  readonly reconnectIntervalMs?: number;
};

export class LinkSupervisor {
  private current: LinkState = { kind: 'online' };
  private silences = 0;
  private checking = false;
  private retryTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(private readonly options: LinkSupervisorOptions) {}

  get state(): LinkState {
    return this.current;
  }

  get isOffline(): boolean {
    return this.current.kind === 'offline';
  }

  /** A well-formed reply arrived. */
  noteReply(): void {
    this.silences = 0;
    if (this.current.kind === 'suspect') this.change({ kind: 'online' });
  }

  /** No reply within the protocol's time-out. */
  noteSilence(detail: string): void {
    if (this.stopped || this.current.kind === 'offline') return;
    this.silences++;
    const limit = this.options.silenceLimit ?? SILENCE_LIMIT;
    if (this.silences < limit) {
      if (this.current.kind === 'online') this.change({ kind: 'suspect', signal: { kind: 'silence', detail } });
      return;
    }
    void this.confirm({ kind: 'silence', detail: `${this.silences} requests without a reply (${detail})` });
  }

  /** A write failed or the transport reported an error or closed by itself. */
  noteTransportError(detail: string): void {
    if (this.stopped || this.current.kind === 'offline') return;
    void this.confirm({ kind: 'io-error', detail });
  }

  /** Declare the link offline at once (e.g. the driver could not start the device). */
  markOffline(reason: OfflineReason, detail: string): void {
    if (this.stopped) return;
    if (this.current.kind !== 'offline') this.change({ kind: 'offline', reason, detail });
    this.scheduleRetry();
  }

  /** Start watching again after `stop()` (a driver restarted on the same link). */
  resume(): void {
    this.stopped = false;
    this.silences = 0;
    this.current = { kind: 'online' };
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async confirm(signal: LinkSignal): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const { transport, log, device } = this.options;
      const present = await this.options.isPresent();
      if (this.stopped || this.current.kind === 'offline') return;
      if (!present) {
        this.goOffline('gone', `${signal.detail}; the device is no longer listed`);
        return;
      }
      if (signal.kind === 'silence') {
        this.goOffline('not-responding', `${signal.detail}; the port is still listed`);
        return;
      }
      // An I/O error on a port that is still listed: reopen once before calling it an alarm.
      log.warn({ event: 'device.link-error', device, detail: signal.detail });
      await transport.close();
      const reopened = await transport.open();
      if (this.stopped) return;
      if (!reopened.ok) {
        this.goOffline('cannot-open', `${signal.detail}; reopening failed: ${reopened.error.detail}`);
        return;
      }
      this.change({ kind: 'suspect', signal });
    } finally {
      this.checking = false;
    }
  }

  private goOffline(reason: OfflineReason, detail: string): void {
    this.options.log.error({ event: 'device.offline', device: this.options.device, reason, detail });
    this.change({ kind: 'offline', reason, detail });
    void this.options.transport.close();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry();
    }, this.options.reconnectIntervalMs ?? RECONNECT_INTERVAL_MS);
  }

  private async retry(): Promise<void> {
    if (this.stopped || this.current.kind !== 'offline') return;
    const { transport, log, device } = this.options;
    if (await this.options.isPresent()) {
      if (!transport.isOpen) {
        const opened = await transport.open();
        if (!opened.ok) log.debug({ event: 'device.reconnect-failed', device, detail: opened.error.detail });
      }
      if (!this.stopped && transport.isOpen) {
        this.silences = 0;
        const back = await this.options.reinitialise();
        if (this.stopped) return;
        if (back) {
          log.info({ event: 'device.recovered', device });
          this.change({ kind: 'online' });
          return;
        }
      }
    }
    this.scheduleRetry();
  }

  private change(state: LinkState): void {
    this.current = state;
    this.options.onChange(state);
  }
}
