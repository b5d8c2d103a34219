import { ok, type Result } from '../../common/result';
import type { Transport, TransportError } from '../transport/transport';
import {
  CONFIRMATION,
  decodeCommand,
  DEFAULT_ADDRESS,
  DEFAULT_PASSWORD,
  encodeAck,
  encodeDataPackets,
  encodeSystemParameters,
  PacketParser,
  type Command,
  type InstructionName,
  type SystemParameters,
} from './codec';
import { capturedTemplate, templateSimilarity } from './synthetic-finger';

/**
 * The module's side of the R30x protocol, for tests, the demo and `kiosk sim fingerprint`. It answers commands from
 * any transport (loopback, a pty, a fake HID device) and is driven by a control API: a person's finger, a wrong
 * finger, a poor image, no finger, a module that stops answering.
 *
 * A person's finger is identified by their (synthetic) resident number `YYMMDD-GNNNNNN`; the n-th capture of it is
 * `capturedTemplate(number, n)`, which the central office's synthetic population matches against
 * `enrolledTemplate(number)`. A wrong finger is any other key.
 */

export type PoorFingerProblem = 'image-failed' | 'messy' | 'too-few-features';

/** What is on the sensor now. */
export type Presentation =
  | { readonly kind: 'person'; readonly fingerKey: string }
  | { readonly kind: 'wrong'; readonly fingerKey: string }
  | { readonly kind: 'poor'; readonly problem: PoorFingerProblem };

export type SimulatedModel = {
  /** R50x modules have an aura LED ring (AuraLedConfig); R30x modules answer it with a packet error. */
  readonly aura: boolean;
  readonly dataPacketSize: SystemParameters['dataPacketSize'];
  readonly address: number;
  readonly password: number;
};

export const R503_MODEL: SimulatedModel = { aura: true, dataPacketSize: 128, address: DEFAULT_ADDRESS, password: DEFAULT_PASSWORD };
export const R307_MODEL: SimulatedModel = { aura: false, dataPacketSize: 128, address: DEFAULT_ADDRESS, password: DEFAULT_PASSWORD };

/** Faults on the line, injected for tests: they hit the n-th packet the module sends from now (0 = the next). */
export type LineFault = { readonly kind: 'corrupt' | 'truncate' | 'drop'; readonly packet: number };

/** What the simulator reports (the CLI prints these as JSON lines). Never a resident number or template bytes. */
export type FingerprintSimulatorEvent =
  | { readonly type: 'finger-placed'; readonly finger: Presentation['kind']; readonly hold: boolean }
  | { readonly type: 'finger-removed' }
  | { readonly type: 'image-taken' }
  | { readonly type: 'image-rejected'; readonly code: number }
  | { readonly type: 'template-made'; readonly buffer: number }
  | { readonly type: 'template-uploaded'; readonly bytes: number; readonly packets: number }
  | { readonly type: 'command'; readonly instruction: InstructionName; readonly reply: number }
  | { readonly type: 'aura'; readonly control: number; readonly colour: number }
  | { readonly type: 'answering'; readonly answering: boolean }
  | { readonly type: 'bad-packet'; readonly detail: string };

const POOR_CODE: Record<PoorFingerProblem, number> = {
  'image-failed': CONFIRMATION['image-failed'],
  messy: CONFIRMATION['image-messy'],
  'too-few-features': CONFIRMATION['too-few-features'],
};

type CharBuffer = { readonly bytes: Uint8Array } | undefined;

export class FingerprintSimulator {
  private readonly parser = new PacketParser();
  private readonly listeners = new Set<(event: FingerprintSimulatorEvent) => void>();
  private readonly captures = new Map<string, number>();
  private readonly charBuffers: CharBuffer[] = [undefined, undefined, undefined];
  private unsubscribe: (() => void) | undefined;
  private finger: Presentation | undefined;
  private hold = false;
  private image: { readonly presentation: Presentation; capture?: number } | undefined;
  private answering = true;
  private passwordVerified = false;
  private address: number;
  private password: number;
  private faults: { kind: LineFault['kind']; countdown: number }[] = [];
  private wrongFingers = 0;
  /** Set while the module receives a template (DownChar): data packets go to this buffer. */
  private downloading: { buffer: number; parts: Uint8Array[] } | undefined;

  constructor(
    private readonly transport: Transport,
    readonly model: SimulatedModel = R503_MODEL,
  ) {
    this.address = model.address;
    this.password = model.password;
  }

  async start(): Promise<Result<void, TransportError>> {
    if (!this.unsubscribe) {
      this.unsubscribe = this.transport.subscribe((event) => {
        if (event.type === 'data') this.receive(event.bytes);
      });
    }
    if (this.transport.isOpen) return ok(undefined);
    this.parser.reset();
    this.passwordVerified = false;
    return this.transport.open();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.transport.close();
  }

  onEvent(listener: (event: FingerprintSimulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- control --------------------------------------------------------------------------------------------------

  /** Person X touches the sensor (one capture, then the finger is lifted), or holds it there with `hold`. */
  placeFinger(fingerKey: string, options: { hold?: boolean } = {}): void {
    this.present({ kind: 'person', fingerKey: normaliseFingerKey(fingerKey) }, options.hold ?? false);
  }

  /** A finger that belongs to nobody enrolled (or to someone else): the central office finds no match. */
  placeWrongFinger(options: { hold?: boolean } = {}): void {
    this.wrongFingers++;
    this.present({ kind: 'wrong', fingerKey: `wrong-finger:${this.wrongFingers}` }, options.hold ?? false);
  }

  /** A touch the sensor cannot use: no image (03), a smudged/moving image (06) or too little of the finger (07). */
  placePoorFinger(problem: PoorFingerProblem = 'messy', options: { hold?: boolean } = {}): void {
    this.present({ kind: 'poor', problem }, options.hold ?? false);
  }

  removeFinger(): void {
    if (!this.finger) return;
    this.finger = undefined;
    this.emit({ type: 'finger-removed' });
  }

  /** A hung module: commands are received and ignored. */
  setAnswering(answering: boolean): void {
    this.answering = answering;
    this.emit({ type: 'answering', answering });
  }

  injectFault(fault: LineFault): void {
    this.faults.push({ kind: fault.kind, countdown: fault.packet });
  }

  get fingerOnSensor(): Presentation['kind'] | undefined {
    return this.finger?.kind;
  }

  // ---- protocol -------------------------------------------------------------------------------------------------

  private present(presentation: Presentation, hold: boolean): void {
    this.finger = presentation;
    this.hold = hold;
    this.emit({ type: 'finger-placed', finger: presentation.kind, hold });
  }

  private receive(bytes: Uint8Array): void {
    for (const item of this.parser.push(bytes)) {
      if (!this.answering) continue;
      if (item.type === 'corrupt') {
        this.emit({ type: 'bad-packet', detail: item.frame.reason });
        // The module answers a damaged packet with "error receiving the packet" (01).
        if (item.frame.reason === 'bad-checksum') this.reply(CONFIRMATION['packet-error']);
        continue;
      }
      const packet = item.packet;
      if (packet.address !== this.address) continue;
      if (packet.kind === 'data' || packet.kind === 'end-of-data') {
        this.receiveTemplatePart(packet.kind, packet.payload);
        continue;
      }
      const command = decodeCommand(packet);
      if (!command.ok) {
        this.emit({ type: 'bad-packet', detail: command.error.reason });
        this.reply(CONFIRMATION['packet-error']);
        continue;
      }
      this.execute(command.value);
    }
  }

  private execute(command: Command): void {
    const needsPassword = this.password !== DEFAULT_PASSWORD && !this.passwordVerified;
    if (needsPassword && command.instruction !== 'VfyPwd' && command.instruction !== 'HandShake') {
      this.answer(command.instruction, CONFIRMATION['password-required']);
      return;
    }
    switch (command.instruction) {
      case 'HandShake':
      case 'CheckSensor':
      case 'Control':
      case 'WriteReg':
      case 'Empty':
      case 'DeletChar':
      case 'WriteNotepad':
        return this.answer(command.instruction, CONFIRMATION.ok);
      case 'SoftReset':
        this.passwordVerified = false;
        return this.answer(command.instruction, CONFIRMATION.ok);
      case 'VfyPwd':
        this.passwordVerified = command.password === this.password;
        return this.answer(command.instruction, this.passwordVerified ? CONFIRMATION.ok : CONFIRMATION['wrong-password']);
      case 'SetPwd':
        this.password = command.password;
        return this.answer(command.instruction, CONFIRMATION.ok);
      case 'SetAdder': {
        const old = this.address;
        this.address = command.address;
        // The reply still comes from the old address, as the manual describes.
        return this.send(encodeAck(CONFIRMATION.ok, undefined, old));
      }
      case 'ReadSysPara':
        return this.answer(
          command.instruction,
          CONFIRMATION.ok,
          encodeSystemParameters({
            statusRegister: 0,
            systemId: 0x0009,
            librarySize: 200,
            securityLevel: 3,
            address: this.address,
            dataPacketSize: this.model.dataPacketSize,
            baudRate: 57600,
          }),
        );
      case 'TemplateNum':
        return this.answer(command.instruction, CONFIRMATION.ok, Uint8Array.of(0, 0));
      case 'ReadIndexTable':
        return this.answer(command.instruction, CONFIRMATION.ok, new Uint8Array(32));
      case 'ReadNotepad':
        return this.answer(command.instruction, CONFIRMATION.ok, new Uint8Array(32));
      case 'GetRandomCode':
        return this.answer(command.instruction, CONFIRMATION.ok, Uint8Array.of(0x12, 0x34, 0x56, 0x78));
      case 'AuraLedConfig':
        if (!this.model.aura) return this.answer(command.instruction, CONFIRMATION['packet-error']);
        this.emit({ type: 'aura', control: command.control, colour: command.colour });
        return this.answer(command.instruction, CONFIRMATION.ok);
      case 'GenImg':
        return this.takeImage();
      case 'Img2Tz':
        return this.extractFeatures(command.buffer);
      case 'UpChar':
        return this.uploadTemplate(command.buffer);
      case 'DownChar':
        if (command.buffer < 1 || command.buffer > 2) return this.answer(command.instruction, CONFIRMATION['packet-error']);
        this.downloading = { buffer: command.buffer, parts: [] };
        return this.answer(command.instruction, CONFIRMATION.ok);
      case 'Match': {
        const [a, b] = [this.charBuffers[1], this.charBuffers[2]];
        if (!a || !b) return this.answer(command.instruction, CONFIRMATION['template-invalid']);
        const score = Math.round(templateSimilarity(a.bytes, b.bytes) * 200);
        return this.answer(command.instruction, score >= 100 ? CONFIRMATION.ok : CONFIRMATION['no-match'], Uint8Array.of(score >> 8, score & 0xff));
      }
      case 'Search':
      case 'HiSpeedSearch':
        // The kiosk keeps no library: matching happens at the central office (protocols.md §5).
        return this.answer(command.instruction, CONFIRMATION['not-found'], Uint8Array.of(0, 0, 0, 0));
      case 'RegModel':
        return this.answer(command.instruction, this.charBuffers[1] && this.charBuffers[2] ? CONFIRMATION.ok : CONFIRMATION['merge-failed']);
      case 'Store':
        return this.answer(command.instruction, this.charBuffers[command.buffer] ? CONFIRMATION.ok : CONFIRMATION['template-invalid']);
      case 'LoadChar':
        return this.answer(command.instruction, CONFIRMATION['template-invalid']);
      case 'UpImage':
        return this.answer(command.instruction, CONFIRMATION['image-upload-failed']);
      case 'DownImage':
        return this.answer(command.instruction, CONFIRMATION['cannot-receive']);
    }
  }

  private takeImage(): void {
    const finger = this.finger;
    if (!finger) {
      // Polled many times a second while waiting: not reported as an event.
      this.reply(CONFIRMATION['no-finger']);
      return;
    }
    if (finger.kind === 'poor' && finger.problem === 'image-failed') {
      this.image = undefined;
      this.liftAfterTouch();
      this.emit({ type: 'image-rejected', code: POOR_CODE['image-failed'] });
      this.answer('GenImg', POOR_CODE['image-failed']);
      return;
    }
    // The finger stays on the sensor until its features are extracted: a repeated GenImg sees it again.
    this.image = { presentation: finger };
    this.emit({ type: 'image-taken' });
    this.answer('GenImg', CONFIRMATION.ok);
  }

  private extractFeatures(buffer: number): void {
    const image = this.image;
    if (buffer < 1 || buffer > 2) return this.answer('Img2Tz', CONFIRMATION['packet-error']);
    if (!image) return this.answer('Img2Tz', CONFIRMATION['no-valid-image']);
    const presentation = image.presentation;
    if (presentation.kind === 'poor') {
      this.image = undefined;
      this.liftAfterTouch();
      this.emit({ type: 'image-rejected', code: POOR_CODE[presentation.problem] });
      return this.answer('Img2Tz', POOR_CODE[presentation.problem]);
    }
    // One image is one reading: Img2Tz repeated on the same image gives the same template.
    if (image.capture === undefined) {
      image.capture = (this.captures.get(presentation.fingerKey) ?? 0) + 1;
      this.captures.set(presentation.fingerKey, image.capture);
    }
    this.charBuffers[buffer] = { bytes: capturedTemplate(presentation.fingerKey, image.capture) };
    this.liftAfterTouch();
    this.emit({ type: 'template-made', buffer });
    this.answer('Img2Tz', CONFIRMATION.ok);
  }

  /** A touch (not a hold) ends once the module has used it. */
  private liftAfterTouch(): void {
    if (!this.hold) this.finger = undefined;
  }

  private uploadTemplate(buffer: number): void {
    const template = this.charBuffers[buffer];
    if (!template) return this.answer('UpChar', CONFIRMATION['upload-failed']);
    this.answer('UpChar', CONFIRMATION.ok);
    const packets = encodeDataPackets(template.bytes, this.model.dataPacketSize, this.address);
    for (const packet of packets) this.send(packet);
    this.emit({ type: 'template-uploaded', bytes: template.bytes.length, packets: packets.length });
  }

  private receiveTemplatePart(kind: 'data' | 'end-of-data', payload: Uint8Array): void {
    const download = this.downloading;
    if (!download) return;
    download.parts.push(payload);
    if (kind === 'end-of-data') {
      const total = download.parts.reduce((n, part) => n + part.length, 0);
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const part of download.parts) {
        bytes.set(part, at);
        at += part.length;
      }
      this.charBuffers[download.buffer] = { bytes };
      this.downloading = undefined;
    }
  }

  private answer(instruction: InstructionName, code: number, data?: Uint8Array): void {
    this.emit({ type: 'command', instruction, reply: code });
    this.reply(code, data);
  }

  private reply(code: number, data?: Uint8Array): void {
    this.send(encodeAck(code, data, this.address));
  }

  private send(packet: Uint8Array): void {
    let bytes: Uint8Array | undefined = packet;
    for (const fault of this.faults) {
      if (fault.countdown-- !== 0) continue;
      if (fault.kind === 'drop') bytes = undefined;
      else if (fault.kind === 'truncate') bytes = packet.slice(0, Math.ceil(packet.length / 2));
      else {
        bytes = packet.slice();
        bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) & 0xff;
      }
    }
    this.faults = this.faults.filter((fault) => fault.countdown >= 0);
    if (bytes) void this.transport.write(bytes);
  }

  private emit(event: FingerprintSimulatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** `9001011234568` and `900101-1234568` are the same person. */
export function normaliseFingerKey(key: string): string {
  const digits = key.replace(/[- ]/g, '');
  return /^\d{13}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : key;
}
