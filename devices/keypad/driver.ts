import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { HidDevice, HidOpener, HidSelector } from '../transport/hid';
import { commandOf, DEFAULT_KEY_MAP, type NavigationCommand, type NavigationKey } from './keys';
import { newlyPressed, parseKeyboardReport } from './report';

/**
 * The accessible tactile keypad, read through node-hid in the main process (never through the renderer's keyboard
 * focus, which a blind citizen cannot see) and turned into the session's navigation commands. With keypad and
 * earphone alone a blind citizen can complete an issuance: arrows move the focus, select confirms, back goes back,
 * help explains, digits fill the resident number, volume and speech rate adjust the voice.
 */

/** After the keypad went away, how long before trying to open it again (doubled up to the maximum). */
export const KEYPAD_RECONNECT_MS = 2_000;
export const KEYPAD_RECONNECT_MAX_MS = 60_000;

export type EarphoneMode = 'reported-by-keypad' | 'always-connected';

export type KeypadStatus = 'connected' | 'disconnected' | 'absent';

/** What the session uses of the keypad, whichever kind (HID, simulated, none). */
export interface Keypad {
  readonly description: string;
  readonly status: KeypadStatus;
  /** Whether voice guidance should be on now: earphone plugged in (or configured as always there). */
  readonly voiceGuidance: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  onCommand(listener: (command: NavigationCommand) => void): () => void;
  onStatus(listener: (status: KeypadStatus, detail?: string) => void): () => void;
}

export type HidKeypadOptions = {
  readonly selector: HidSelector;
  readonly opener: HidOpener;
  readonly clock: Clock;
  readonly log: Logger;
  /** Overrides of the default map: usage code → key. */
  readonly keyMap?: Readonly<Record<number, NavigationKey>>;
  readonly earphone?: EarphoneMode;
  /** Numbered reports: the first byte is the report id. */
  readonly hasReportId?: boolean;
};

/** The default map with the configuration's overrides (`{"58": "help"}`: usage code in decimal → key). */
export function keyMapFrom(overrides: Readonly<Record<string, NavigationKey>> = {}): Readonly<Record<number, NavigationKey>> {
  const map: Record<number, NavigationKey> = { ...DEFAULT_KEY_MAP };
  for (const [usage, key] of Object.entries(overrides)) map[Number(usage)] = key;
  return map;
}

export class HidKeypad implements Keypad {
  private readonly commandListeners = new Set<(command: NavigationCommand) => void>();
  private readonly statusListeners = new Set<(status: KeypadStatus, detail?: string) => void>();
  private readonly keyMap: Readonly<Record<number, NavigationKey>>;
  private device: HidDevice | undefined;
  private held: readonly number[] = [];
  private earphoneIn: boolean;
  private currentStatus: KeypadStatus = 'disconnected';
  private reconnectTimer: TimerHandle | undefined;
  private reconnectDelay = KEYPAD_RECONNECT_MS;
  private running = false;

  constructor(private readonly options: HidKeypadOptions) {
    this.keyMap = options.keyMap ?? DEFAULT_KEY_MAP;
    this.earphoneIn = options.earphone === 'always-connected';
  }

  get description(): string {
    const { vendorId, productId } = this.options.selector;
    return `hid-keypad:${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
  }

  get status(): KeypadStatus {
    return this.currentStatus;
  }

  get voiceGuidance(): boolean {
    return this.earphoneIn;
  }

  onCommand(listener: (command: NavigationCommand) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  onStatus(listener: (status: KeypadStatus, detail?: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.earphone === 'always-connected') this.emit({ type: 'voice-guidance', on: true, cause: 'configured' });
    await this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const device = this.device;
    this.device = undefined;
    if (device) {
      device.removeAllListeners();
      await device.close().catch(() => undefined);
    }
    this.setStatus('disconnected');
  }

  private async open(): Promise<void> {
    if (!this.running || this.device) return;
    let device: HidDevice;
    try {
      device = await this.options.opener(this.options.selector);
    } catch (error) {
      this.setStatus('disconnected', (error as Error).message);
      this.scheduleReconnect();
      return;
    }
    if (!this.running) {
      await device.close().catch(() => undefined);
      return;
    }
    this.device = device;
    this.held = [];
    this.reconnectDelay = KEYPAD_RECONNECT_MS;
    device.on('data', (report) => this.receive(report));
    device.on('error', (error) => this.lost(device, error.message));
    this.setStatus('connected');
  }

  private receive(report: Uint8Array): void {
    const parsed = parseKeyboardReport(report, this.options.hasReportId);
    if (!parsed.ok) {
      this.options.log.warn({ event: 'keypad.bad-report', detail: parsed.error });
      return;
    }
    const pressed = newlyPressed(this.held, parsed.value.usages);
    this.held = parsed.value.usages;
    for (const usage of pressed) {
      const key = this.keyMap[usage];
      if (!key) {
        this.options.log.debug({ event: 'keypad.unmapped-key', usage });
        continue;
      }
      const command = commandOf(key);
      if (command.type === 'voice-guidance') {
        if (this.options.earphone === 'always-connected' || this.earphoneIn === command.on) continue;
        this.earphoneIn = command.on;
        this.options.log.info({ event: 'keypad.earphone', connected: command.on });
      }
      // Digits are the citizen's resident number: never logged, only counted.
      this.options.log.debug({ event: 'keypad.command', type: command.type });
      this.emit(command);
    }
  }

  private lost(device: HidDevice, detail: string): void {
    if (this.device !== device) return;
    this.device = undefined;
    device.removeAllListeners();
    device.close().catch(() => undefined);
    this.held = [];
    this.options.log.warn({ event: 'keypad.disconnected', detail });
    this.setStatus('disconnected', detail);
    // An earphone plugged into an unplugged keypad cannot be heard through it.
    if (this.earphoneIn && this.options.earphone !== 'always-connected') {
      this.earphoneIn = false;
      this.emit({ type: 'voice-guidance', on: false, cause: 'earphone-out' });
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, KEYPAD_RECONNECT_MAX_MS);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.open();
    }, delay);
  }

  private setStatus(status: KeypadStatus, detail?: string): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of [...this.statusListeners]) listener(status, detail);
  }

  private emit(command: NavigationCommand): void {
    for (const listener of [...this.commandListeners]) listener(command);
  }
}

/** `driver: "none"`: no keypad fitted. The touch screen's own 음성 button turns voice guidance on. */
export class NoKeypad implements Keypad {
  readonly description = 'no keypad';
  readonly status: KeypadStatus = 'absent';
  readonly voiceGuidance = false;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  onCommand(): () => void {
    return () => undefined;
  }
  onStatus(): () => void {
    return () => undefined;
  }
}
