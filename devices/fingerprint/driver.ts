import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import type { Transport } from '../transport/transport';
import {
  AURA,
  CONFIRMATION,
  confirmationMeaning,
  confirmationName,
  decodeAck,
  DEFAULT_ADDRESS,
  DEFAULT_PASSWORD,
  encodeCommand,
  PacketParser,
  readSystemParameters,
  type Ack,
  type Command,
  type Packet,
  type SystemParameters,
} from './codec';
import { FingerprintTemplate } from './template';

/**
 * The R30x driver: protocol state, time-outs, retries and reconnection over any `Transport` (serial, HID, loopback).
 * For the kiosk it does one thing — capture a template for the central office's check (protocols.md §5):
 *
 *   HandShake → VfyPwd → ReadSysPara            (connect)
 *   GenImg … until a finger is present           (poll, with a time-out)
 *   Img2Tz 1                                     (poor image → guidance to the citizen, try again)
 *   UpChar 1 → ack, data packets 02 … 08         (the template, reassembled)
 *
 * The kiosk keeps no template: the library commands (Store, Search …) are in the codec but never used here.
 */

// ---- timing (protocol facts and kiosk choices) --------------------------------------------------------------------

/** An acknowledge normally comes within tens of milliseconds. */
export const COMMAND_TIMEOUT_MS = 1_000;
/** GenImg and Img2Tz take a few hundred milliseconds on a real sensor. */
export const IMAGE_COMMAND_TIMEOUT_MS = 2_000;
/** Each data packet of an upload follows the previous one at once; a gap this long means one was lost. */
export const DATA_PACKET_TIMEOUT_MS = 1_000;
/** Between GenImg polls while no finger is on the sensor. */
export const POLL_INTERVAL_MS = 100;
/** How long the citizen has to put a finger on the sensor (ui.md: at least 20 s to answer). */
export const FINGER_TIMEOUT_MS = 20_000;
/** After a poor image, time for the citizen to hear the guidance and lift the finger. */
export const POOR_IMAGE_PAUSE_MS = 800;
/** Probing the aura LED must not slow down modules that do not have one. */
export const AURA_PROBE_TIMEOUT_MS = 300;
/** First wait before reconnecting after the reader went away; doubled after each failure up to the maximum. */
export const RECONNECT_INTERVAL_MS = 2_000;
export const RECONNECT_MAX_INTERVAL_MS = 60_000;
/** Poor images (codes 03/06/07 …) before the capture fails and the citizen is offered another attempt. */
export const MAX_POOR_IMAGES = 3;
/** A command whose acknowledge did not come (or came damaged) is sent once more before giving up. */
export const COMMAND_RETRIES = 1;
/** UpChar is repeated once if a data packet was lost or damaged: the template is still in the module's buffer. */
export const UPLOAD_ATTEMPTS = 2;
/** A template can never be bigger than this (the largest R30x/R50x character files are 1.5 KiB). */
export const MAX_TEMPLATE_BYTES = 4_096;

export type DriverTiming = {
  readonly commandTimeoutMs: number;
  readonly imageCommandTimeoutMs: number;
  readonly dataPacketTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly fingerTimeoutMs: number;
  readonly poorImagePauseMs: number;
  readonly auraProbeTimeoutMs: number;
  readonly reconnectIntervalMs: number;
};

export const DEFAULT_TIMING: DriverTiming = {
  commandTimeoutMs: COMMAND_TIMEOUT_MS,
  imageCommandTimeoutMs: IMAGE_COMMAND_TIMEOUT_MS,
  dataPacketTimeoutMs: DATA_PACKET_TIMEOUT_MS,
  pollIntervalMs: POLL_INTERVAL_MS,
  fingerTimeoutMs: FINGER_TIMEOUT_MS,
  poorImagePauseMs: POOR_IMAGE_PAUSE_MS,
  auraProbeTimeoutMs: AURA_PROBE_TIMEOUT_MS,
  reconnectIntervalMs: RECONNECT_INTERVAL_MS,
};

// ---- public types -------------------------------------------------------------------------------------------------

/** What the citizen is told after a poor image; the UI maps each to a message (`fingerprint.*` keys of the renderer's catalogues, through kiosk/adapters/identity.ts). */
export type FingerGuidance = 'press-firmly' | 'hold-still' | 'more-of-finger' | 'wipe-finger' | 'lift-and-retry';

/** Confirmation codes that mean "the image was not good enough", and what to tell the citizen. */
export const POOR_IMAGE_GUIDANCE: ReadonlyMap<number, FingerGuidance> = new Map([
  [CONFIRMATION['image-failed'], 'press-firmly'],
  [CONFIRMATION['image-too-dry'], 'press-firmly'],
  [CONFIRMATION['image-too-wet'], 'wipe-finger'],
  [CONFIRMATION['image-messy'], 'hold-still'],
  [CONFIRMATION['too-few-features'], 'more-of-finger'],
  [CONFIRMATION['no-valid-image'], 'lift-and-retry'],
  [CONFIRMATION['residual-finger'], 'lift-and-retry'],
]);

export type ReaderFault = {
  /**
   * `not-found`: the port/device cannot be opened; `unplugged`: it went away (no answer *and* gone from the device
   * list); `not-responding`: present but silent; `wrong-password`: configuration; `protocol`: an unexpected code.
   */
  readonly kind: 'not-found' | 'unplugged' | 'not-responding' | 'wrong-password' | 'protocol';
  /** Raw detail for the technician's log (OS error text, confirmation code). */
  readonly detail: string;
};

export type CaptureFailure =
  | { readonly kind: 'no-finger' }
  | { readonly kind: 'poor-image'; readonly attempts: number; readonly lastGuidance: FingerGuidance }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'reader-unavailable'; readonly fault: ReaderFault };

export type CaptureProgress =
  | { readonly type: 'waiting-for-finger' }
  | { readonly type: 'finger-detected' }
  | { readonly type: 'poor-image'; readonly guidance: FingerGuidance; readonly code: number; readonly attempt: number }
  | { readonly type: 'uploading' };

export type CaptureOptions = {
  /** Aborted when the citizen cancels or the session times out: the capture ends with `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CaptureProgress) => void;
};

export type ReaderStatus = 'disconnected' | 'connecting' | 'ready' | 'capturing' | 'fault';

export type ReaderInfo = {
  readonly description: string;
  readonly parameters: SystemParameters | undefined;
  readonly aura: boolean;
};

/** What the kiosk (identity service, diagnostics, supervisor) sees of a fingerprint reader. */
export interface FingerprintReader {
  readonly description: string;
  readonly status: ReaderStatus;
  /** Open, handshake, password, parameters. Also called by `capture` when not connected. */
  connect(): Promise<Result<ReaderInfo, ReaderFault>>;
  /** Wait for a finger and return its template (in memory; the caller wipes it). One capture at a time. */
  capture(options?: CaptureOptions): Promise<Result<FingerprintTemplate, CaptureFailure>>;
  onStatus(listener: (status: ReaderStatus, fault?: ReaderFault) => void): () => void;
  /** Stop reconnecting and close the transport. */
  close(): Promise<void>;
}

export type R30xDriverOptions = {
  readonly clock: Clock;
  readonly log: Logger;
  readonly address?: number;
  readonly password?: number;
  readonly timing?: Partial<DriverTiming>;
  /**
   * The second disconnect signal (protocols.md §6): whether the device is still in the OS's device list. Without it,
   * a silent reader is reported as `not-responding`.
   */
  readonly isPresent?: () => Promise<boolean>;
  /** Reconnect in the background after the reader went away (default true). */
  readonly reconnect?: boolean;
};

// ---- the driver ---------------------------------------------------------------------------------------------------

type LinkFailure =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'disconnected'; readonly detail: string }
  | { readonly kind: 'cancelled' };

type Waiter = { resolve: (result: Result<Packet, LinkFailure>) => void; timer: TimerHandle };

const CANCELLED: LinkFailure = { kind: 'cancelled' };

export class R30xDriver implements FingerprintReader {
  private readonly parser = new PacketParser();
  private readonly inbox: Packet[] = [];
  private waiter: Waiter | undefined;
  private corruptFrames = 0;
  private readonly timing: DriverTiming;
  private readonly address: number;
  private readonly password: number;
  private readonly statusListeners = new Set<(status: ReaderStatus, fault?: ReaderFault) => void>();
  private currentStatus: ReaderStatus = 'disconnected';
  private connecting: Promise<Result<ReaderInfo, ReaderFault>> | undefined;
  private capturing = false;
  private auraSupported = false;
  private info: ReaderInfo | undefined;
  private reconnectTimer: TimerHandle | undefined;
  private reconnectDelay: number;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly transport: Transport,
    private readonly options: R30xDriverOptions,
  ) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.address = options.address ?? DEFAULT_ADDRESS;
    this.password = options.password ?? DEFAULT_PASSWORD;
    this.reconnectDelay = this.timing.reconnectIntervalMs;
    this.unsubscribe = transport.subscribe((event) => {
      switch (event.type) {
        case 'data':
          return this.receive(event.bytes);
        case 'error':
          this.options.log.warn({ event: 'fingerprint.transport-error', kind: event.error.kind, detail: event.error.detail });
          return;
        case 'closed':
          return this.lost(event.reason);
      }
    });
  }

  get description(): string {
    return this.transport.description;
  }

  get status(): ReaderStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: ReaderStatus, fault?: ReaderFault) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  connect(): Promise<Result<ReaderInfo, ReaderFault>> {
    if (this.currentStatus === 'ready' || this.currentStatus === 'capturing') {
      if (this.info && this.transport.isOpen) return Promise.resolve(ok(this.info));
    }
    this.connecting ??= this.doConnect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async capture(options: CaptureOptions = {}): Promise<Result<FingerprintTemplate, CaptureFailure>> {
    if (this.capturing) throw new Error('one fingerprint capture at a time');
    this.capturing = true;
    const started = this.options.clock.now();
    this.options.log.info({ event: 'fingerprint.capture.start', reader: this.description });
    let result: Result<FingerprintTemplate, CaptureFailure>;
    try {
      result = await this.doCapture(options);
    } finally {
      this.capturing = false;
    }
    if (this.currentStatus === 'capturing') this.setStatus('ready');
    this.options.log.info({
      event: 'fingerprint.capture.end',
      outcome: result.ok ? 'ok' : result.error.kind,
      ...(result.ok ? { bytes: result.value.length } : {}),
      ...(!result.ok && result.error.kind === 'reader-unavailable' ? { fault: result.error.fault.kind, detail: result.error.fault.detail } : {}),
      ms: this.options.clock.now() - started,
    });
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.settle(err({ kind: 'disconnected', detail: 'closed by host' }));
    this.unsubscribe();
    await this.transport.close();
    this.setStatus('disconnected');
  }

  // ---- connection ---------------------------------------------------------------------------------------------

  private async doConnect(): Promise<Result<ReaderInfo, ReaderFault>> {
    const log = this.options.log;
    this.setStatus('connecting');
    log.info({ event: 'fingerprint.connect.start', reader: this.description });
    const result = await this.handshake();
    if (result.ok) {
      this.info = result.value;
      this.reconnectDelay = this.timing.reconnectIntervalMs;
      this.setStatus('ready');
      log.info({
        event: 'fingerprint.connect.end',
        outcome: 'ok',
        aura: result.value.aura,
        packetSize: result.value.parameters?.dataPacketSize,
      });
    } else {
      this.info = undefined;
      this.setStatus('fault', result.error);
      log.warn({ event: 'fingerprint.connect.end', outcome: result.error.kind, detail: result.error.detail });
      this.scheduleReconnect();
    }
    return result;
  }

  private async handshake(): Promise<Result<ReaderInfo, ReaderFault>> {
    if (!this.transport.isOpen) {
      const opened = await this.transport.open();
      if (!opened.ok) {
        const kind = opened.error.kind === 'not-found' ? 'not-found' : 'not-responding';
        return err({ kind, detail: `${opened.error.kind}: ${opened.error.detail}` });
      }
    }
    this.parser.reset();
    // HandShake (0x40) is missing on some older modules; they answer it with an error or not at all, and VfyPwd
    // below is then the liveness check.
    const hello = await this.transact({ instruction: 'HandShake' }, this.timing.commandTimeoutMs, 0);
    if (!hello.ok && hello.error.kind === 'disconnected') return err(await this.classify(hello.error.detail));
    const password = await this.transact({ instruction: 'VfyPwd', password: this.password }, this.timing.commandTimeoutMs);
    if (!password.ok) return err(await this.classify(describeLink(password.error)));
    if (password.value.code === CONFIRMATION['wrong-password']) {
      return err({ kind: 'wrong-password', detail: 'the module refused the configured password (13)' });
    }
    if (password.value.code !== CONFIRMATION.ok) return err(protocolFault('VfyPwd', password.value.code));
    const parametersReply = await this.transact({ instruction: 'ReadSysPara' }, this.timing.commandTimeoutMs);
    let parameters: SystemParameters | undefined;
    if (parametersReply.ok && parametersReply.value.code === CONFIRMATION.ok) {
      const parsed = readSystemParameters(parametersReply.value.data);
      parameters = parsed.ok ? parsed.value : undefined;
    }
    // Aura probe: a module without the LED ring answers with an error (or stays silent); either way it is off.
    const probe = await this.transact(
      { instruction: 'AuraLedConfig', control: AURA.control.off, speed: 0, colour: AURA.colour.blue, cycles: 0 },
      this.timing.auraProbeTimeoutMs,
      0,
    );
    this.auraSupported = probe.ok && probe.value.code === CONFIRMATION.ok;
    this.parser.reset();
    return ok({ description: this.description, parameters, aura: this.auraSupported });
  }

  /** Silence or an error: is the reader gone (unplugged) or just not answering? Two signals (protocols.md §6). */
  private async classify(detail: string): Promise<ReaderFault> {
    const present = this.options.isPresent ? await this.options.isPresent().catch(() => true) : true;
    return { kind: present ? 'not-responding' : 'unplugged', detail };
  }

  private lost(reason: string): void {
    this.settle(err({ kind: 'disconnected', detail: reason }));
    if (this.closed) return;
    this.info = undefined;
    this.options.log.warn({ event: 'fingerprint.disconnected', reader: this.description, detail: reason });
    this.setStatus('disconnected');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.options.reconnect === false || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_INTERVAL_MS);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed || this.currentStatus === 'ready' || this.capturing) return;
      void this.connect();
    }, delay);
  }

  private setStatus(status: ReaderStatus, fault?: ReaderFault): void {
    if (status === this.currentStatus && !fault) return;
    this.currentStatus = status;
    for (const listener of [...this.statusListeners]) listener(status, fault);
  }

  // ---- capture ------------------------------------------------------------------------------------------------

  private async doCapture(options: CaptureOptions): Promise<Result<FingerprintTemplate, CaptureFailure>> {
    const { signal, onProgress } = options;
    const clock = this.options.clock;
    if (signal?.aborted) return err({ kind: 'cancelled' });
    const connected = await this.connect();
    if (!connected.ok) return err({ kind: 'reader-unavailable', fault: connected.error });
    this.setStatus('capturing');
    const unavailable = async (failure: LinkFailure): Promise<Result<FingerprintTemplate, CaptureFailure>> => {
      if (failure.kind === 'cancelled') return err({ kind: 'cancelled' });
      return err({ kind: 'reader-unavailable', fault: await this.classify(describeLink(failure)) });
    };

    await this.aura(AURA.control.breathing, AURA.colour.blue);
    onProgress?.({ type: 'waiting-for-finger' });
    let deadline = clock.now() + this.timing.fingerTimeoutMs;
    let poorImages = 0;
    let lastGuidance: FingerGuidance = 'press-firmly';

    for (;;) {
      if (signal?.aborted) return this.endCapture(err({ kind: 'cancelled' }));
      const image = await this.transact({ instruction: 'GenImg' }, this.timing.imageCommandTimeoutMs, COMMAND_RETRIES, signal);
      if (!image.ok) return this.endCapture(await unavailable(image.error));
      let code = image.value.code;
      if (code === CONFIRMATION['no-finger']) {
        if (clock.now() >= deadline) return this.endCapture(err({ kind: 'no-finger' }));
        if (!(await this.pause(this.timing.pollIntervalMs, signal))) return this.endCapture(err({ kind: 'cancelled' }));
        continue;
      }
      if (code === CONFIRMATION.ok) {
        onProgress?.({ type: 'finger-detected' });
        await this.aura(AURA.control.on, AURA.colour.blue);
        const features = await this.transact({ instruction: 'Img2Tz', buffer: 1 }, this.timing.imageCommandTimeoutMs, COMMAND_RETRIES, signal);
        if (!features.ok) return this.endCapture(await unavailable(features.error));
        code = features.value.code;
        if (code === CONFIRMATION.ok) break;
      }
      const guidance = POOR_IMAGE_GUIDANCE.get(code);
      if (!guidance) {
        this.options.log.warn({ event: 'fingerprint.unexpected-code', code, name: confirmationName(code) });
        return this.endCapture(err({ kind: 'reader-unavailable', fault: protocolFault('capture', code) }));
      }
      poorImages++;
      lastGuidance = guidance;
      this.options.log.info({ event: 'fingerprint.poor-image', code, name: confirmationName(code), attempt: poorImages });
      onProgress?.({ type: 'poor-image', guidance, code, attempt: poorImages });
      await this.aura(AURA.control.flashing, AURA.colour.red, 2);
      if (poorImages >= MAX_POOR_IMAGES) return this.endCapture(err({ kind: 'poor-image', attempts: poorImages, lastGuidance }));
      if (!(await this.pause(this.timing.poorImagePauseMs, signal))) return this.endCapture(err({ kind: 'cancelled' }));
      await this.aura(AURA.control.breathing, AURA.colour.blue);
      onProgress?.({ type: 'waiting-for-finger' });
      // A citizen who is trying gets the full time again.
      deadline = clock.now() + this.timing.fingerTimeoutMs;
    }

    onProgress?.({ type: 'uploading' });
    const upload = await this.uploadTemplate(signal);
    if (!upload.ok) {
      if (upload.error.kind === 'link') return this.endCapture(await unavailable(upload.error.failure));
      return this.endCapture(err({ kind: 'reader-unavailable', fault: upload.error.fault }));
    }
    await this.aura(AURA.control.on, AURA.colour.purple);
    return this.endCapture(ok(new FingerprintTemplate(upload.value)));
  }

  private async endCapture<T>(result: Result<T, CaptureFailure>): Promise<Result<T, CaptureFailure>> {
    if (!result.ok && result.error.kind !== 'reader-unavailable') await this.aura(AURA.control.flashing, AURA.colour.red, 3);
    if (this.transport.isOpen) await this.aura(AURA.control.fadeOut, AURA.colour.blue);
    return result;
  }

  /** UpChar 1, then data packets until end-of-data. A lost or damaged packet means the whole upload is repeated. */
  private async uploadTemplate(
    signal: AbortSignal | undefined,
  ): Promise<Result<Uint8Array, { kind: 'link'; failure: LinkFailure } | { kind: 'fault'; fault: ReaderFault }>> {
    let lastProblem = '';
    for (let attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
      // Counted from before the command: the data packets may arrive in the same read as the acknowledge.
      const corruptBefore = this.corruptFrames;
      const ack = await this.transact({ instruction: 'UpChar', buffer: 1 }, this.timing.commandTimeoutMs, COMMAND_RETRIES, signal);
      if (!ack.ok) return err({ kind: 'link', failure: ack.error });
      if (ack.value.code !== CONFIRMATION.ok) return err({ kind: 'fault', fault: protocolFault('UpChar', ack.value.code) });
      const parts: Uint8Array[] = [];
      let total = 0;
      let complete = false;
      while (!complete) {
        const packet = await this.nextPacket(this.timing.dataPacketTimeoutMs, signal);
        if (!packet.ok) {
          if (packet.error.kind !== 'timeout') return err({ kind: 'link', failure: packet.error });
          lastProblem = 'a data packet did not arrive';
          break;
        }
        if (packet.value.kind !== 'data' && packet.value.kind !== 'end-of-data') continue;
        parts.push(packet.value.payload);
        total += packet.value.payload.length;
        if (total > MAX_TEMPLATE_BYTES) {
          lastProblem = `template longer than ${MAX_TEMPLATE_BYTES} bytes`;
          break;
        }
        complete = packet.value.kind === 'end-of-data';
      }
      const damaged = this.corruptFrames > corruptBefore;
      if (complete && !damaged && total > 0) {
        const template = new Uint8Array(total);
        let at = 0;
        for (const part of parts) {
          template.set(part, at);
          at += part.length;
          part.fill(0);
        }
        return ok(template);
      }
      for (const part of parts) part.fill(0);
      if (damaged) lastProblem = 'a data packet was damaged';
      else if (complete) lastProblem = 'empty template';
      this.options.log.warn({ event: 'fingerprint.upload-retry', attempt, problem: lastProblem });
      this.parser.reset();
      this.inbox.length = 0;
    }
    return err({ kind: 'fault', fault: { kind: 'protocol', detail: `template upload failed: ${lastProblem}` } });
  }

  /** LED feedback where the module has the aura ring; a no-op elsewhere, and never a reason to fail. */
  private async aura(control: number, colour: number, cycles = 0): Promise<void> {
    if (!this.auraSupported || !this.transport.isOpen) return;
    await this.transact({ instruction: 'AuraLedConfig', control, speed: 0x60, colour, cycles }, this.timing.auraProbeTimeoutMs, 0);
  }

  // ---- packet exchange ----------------------------------------------------------------------------------------

  private receive(bytes: Uint8Array): void {
    for (const item of this.parser.push(bytes)) {
      if (item.type === 'corrupt') {
        this.corruptFrames++;
        this.options.log.warn({ event: 'fingerprint.corrupt-frame', reason: item.frame.reason });
        continue;
      }
      if (item.packet.address !== this.address) continue;
      this.inbox.push(item.packet);
    }
    this.deliver();
  }

  private deliver(): void {
    const waiter = this.waiter;
    const packet = this.inbox[0];
    if (!waiter || !packet) return;
    this.inbox.shift();
    this.waiter = undefined;
    this.options.clock.clearTimeout(waiter.timer);
    waiter.resolve(ok(packet));
  }

  private settle(result: Result<Packet, LinkFailure>): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    this.options.clock.clearTimeout(waiter.timer);
    waiter.resolve(result);
  }

  private nextPacket(timeoutMs: number, signal?: AbortSignal): Promise<Result<Packet, LinkFailure>> {
    if (this.waiter) throw new Error('fingerprint driver: two readers of one line');
    if (signal?.aborted) return Promise.resolve(err(CANCELLED));
    return new Promise((resolve) => {
      const onAbort = () => this.settle(err(CANCELLED));
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = this.options.clock.setTimeout(() => this.settle(err({ kind: 'timeout' })), timeoutMs);
      this.waiter = {
        timer,
        resolve: (result) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      };
      this.deliver();
    });
  }

  /** Send a command and wait for its acknowledge; retried on silence or a damaged reply. */
  private async transact(
    command: Command,
    timeoutMs: number,
    retries = COMMAND_RETRIES,
    signal?: AbortSignal,
  ): Promise<Result<Ack, LinkFailure>> {
    let failure: LinkFailure = { kind: 'timeout' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (!this.transport.isOpen) return err({ kind: 'disconnected', detail: `${this.description} is not open` });
      this.parser.reset();
      this.inbox.length = 0;
      const written = await this.transport.write(encodeCommand(command, this.address));
      if (!written.ok) return err({ kind: 'disconnected', detail: `${written.error.kind}: ${written.error.detail}` });
      for (;;) {
        const packet = await this.nextPacket(timeoutMs, signal);
        if (!packet.ok) {
          failure = packet.error;
          break;
        }
        if (packet.value.kind !== 'ack') continue; // a stray data packet from an earlier, abandoned upload
        const ack = decodeAck(packet.value);
        if (!ack.ok) continue;
        // "Error receiving the packet": our command was damaged on the line; send it again.
        if (ack.value.code === CONFIRMATION['packet-error'] && attempt < retries && command.instruction !== 'AuraLedConfig') {
          failure = { kind: 'timeout' };
          break;
        }
        return ok(ack.value);
      }
      if (failure.kind !== 'timeout') return err(failure);
      this.options.log.debug({ event: 'fingerprint.retry', instruction: command.instruction, attempt });
    }
    return err(failure);
  }

  private pause(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        this.options.clock.clearTimeout(timer);
        resolve(false);
      };
      const timer = this.options.clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function protocolFault(step: string, code: number): ReaderFault {
  return { kind: 'protocol', detail: `${step}: ${confirmationName(code)} (0x${code.toString(16).padStart(2, '0')}, ${confirmationMeaning(code)})` };
}

function describeLink(failure: LinkFailure): string {
  switch (failure.kind) {
    case 'timeout':
      return 'no answer within the time-out';
    case 'disconnected':
      return failure.detail;
    case 'cancelled':
      return 'cancelled';
  }
}
