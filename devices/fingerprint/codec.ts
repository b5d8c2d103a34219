import { err, ok, type Result } from '../../common/result';

/**
 * R30x / Synochip (ZFM, AS608, R305/R307/R503) packet codec — pure bytes ⇄ typed packets (reference/protocols.md §5).
 *
 *   EF 01 | address(4) | PID | LEN(2, big-endian, = payload + 2) | payload | SUM(2, big-endian)
 *   SUM = PID + both LEN bytes + every payload byte (mod 65536)
 *
 * The same bytes travel over a UART or inside USB-HID reports; the transport is not this file's business.
 */
export const START_CODE = [0xef, 0x01] as const;
export const DEFAULT_ADDRESS = 0xffffffff;
export const DEFAULT_PASSWORD = 0;
/** Start code, address, PID and LEN. */
export const HEADER_BYTES = 9;
export const CHECKSUM_BYTES = 2;
/**
 * The largest LEN we accept: a 256-byte data packet (the biggest packet size a module can be set to) plus checksum,
 * with room for the notepad and index-table replies. Anything longer is line noise, not a packet.
 */
export const MAX_LENGTH_FIELD = 256 + CHECKSUM_BYTES + 16;

export const PACKET_IDS = { command: 0x01, data: 0x02, ack: 0x07, 'end-of-data': 0x08 } as const;
export type PacketKind = keyof typeof PACKET_IDS;
const KIND_OF_PID = new Map<number, PacketKind>(Object.entries(PACKET_IDS).map(([kind, pid]) => [pid, kind as PacketKind]));

export type Packet = {
  readonly kind: PacketKind;
  readonly address: number;
  readonly payload: Uint8Array;
};

// ---- packets ------------------------------------------------------------------------------------------------------

export function checksum(pid: number, lengthField: number, payload: Uint8Array): number {
  let sum = pid + (lengthField >> 8) + (lengthField & 0xff);
  for (const byte of payload) sum += byte;
  return sum & 0xffff;
}

export function encodePacket(packet: Packet): Uint8Array {
  const pid = PACKET_IDS[packet.kind];
  const lengthField = packet.payload.length + CHECKSUM_BYTES;
  if (lengthField > 0xffff) throw new Error(`payload of ${packet.payload.length} bytes does not fit one packet`);
  const bytes = new Uint8Array(HEADER_BYTES + packet.payload.length + CHECKSUM_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = START_CODE[0];
  bytes[1] = START_CODE[1];
  view.setUint32(2, packet.address >>> 0);
  bytes[6] = pid;
  view.setUint16(7, lengthField);
  bytes.set(packet.payload, HEADER_BYTES);
  view.setUint16(HEADER_BYTES + packet.payload.length, checksum(pid, lengthField, packet.payload));
  return bytes;
}

/** Why bytes on the line were not a packet; the parser skips them and looks for the next start code. */
export type CorruptFrame = {
  readonly reason: 'bad-checksum' | 'bad-packet-id' | 'bad-length';
  readonly bytes: number;
};

export type ParsedItem = { readonly type: 'packet'; readonly packet: Packet } | { readonly type: 'corrupt'; readonly frame: CorruptFrame };

/**
 * Reassembles packets from a byte stream that arrives in arbitrary pieces (a UART read, a HID report). Noise before a
 * start code is dropped; a frame with a bad checksum, packet id or length is reported and skipped by one byte so
 * that a real packet hidden behind it is still found. A truncated packet simply waits for more bytes: the driver's
 * time-out decides, and `reset()` drops it before the next command.
 */
export class PacketParser {
  private buffer = new Uint8Array(0);

  push(bytes: Uint8Array): ParsedItem[] {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    this.buffer = joined;
    const items: ParsedItem[] = [];
    for (;;) {
      const start = this.findStart();
      if (start < 0) {
        // Keep a trailing 0xEF: it may be the first half of a start code split across reads.
        this.buffer = this.buffer.at(-1) === START_CODE[0] ? this.buffer.slice(-1) : new Uint8Array(0);
        break;
      }
      if (start > 0) this.buffer = this.buffer.slice(start);
      if (this.buffer.length < HEADER_BYTES) break;
      const pid = this.buffer[6]!;
      const kind = KIND_OF_PID.get(pid);
      const lengthField = (this.buffer[7]! << 8) | this.buffer[8]!;
      if (!kind) {
        items.push(this.skip('bad-packet-id'));
        continue;
      }
      if (lengthField < CHECKSUM_BYTES || lengthField > MAX_LENGTH_FIELD) {
        items.push(this.skip('bad-length'));
        continue;
      }
      const total = HEADER_BYTES + lengthField;
      if (this.buffer.length < total) break;
      const payload = this.buffer.slice(HEADER_BYTES, total - CHECKSUM_BYTES);
      const received = (this.buffer[total - 2]! << 8) | this.buffer[total - 1]!;
      if (received !== checksum(pid, lengthField, payload)) {
        items.push(this.skip('bad-checksum', total));
        continue;
      }
      const address = new DataView(this.buffer.buffer, this.buffer.byteOffset).getUint32(2);
      this.buffer = this.buffer.slice(total);
      items.push({ type: 'packet', packet: { kind, address, payload } });
    }
    return items;
  }

  /** Bytes waiting for the rest of a packet. */
  get pending(): number {
    return this.buffer.length;
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  private findStart(): number {
    for (let i = 0; i + 1 < this.buffer.length; i++) {
      if (this.buffer[i] === START_CODE[0] && this.buffer[i + 1] === START_CODE[1]) return i;
    }
    return -1;
  }

  private skip(reason: CorruptFrame['reason'], frameBytes = HEADER_BYTES): ParsedItem {
    this.buffer = this.buffer.slice(1);
    return { type: 'corrupt', frame: { reason, bytes: frameBytes } };
  }
}

// ---- instructions -------------------------------------------------------------------------------------------------

type FieldSpec = readonly [name: string, size: 1 | 2 | 4 | 32];

/**
 * Every instruction of the R30x command set with its parameter layout (big-endian integers). `WriteReg` is the
 * manual's SetSysPara; `AuraLedConfig`, `CheckSensor` and `SoftReset` exist on R50x modules only.
 */
export const INSTRUCTIONS = {
  GenImg: { code: 0x01, fields: [] },
  Img2Tz: { code: 0x02, fields: [['buffer', 1]] },
  Match: { code: 0x03, fields: [] },
  Search: { code: 0x04, fields: [['buffer', 1], ['start', 2], ['count', 2]] },
  RegModel: { code: 0x05, fields: [] },
  Store: { code: 0x06, fields: [['buffer', 1], ['page', 2]] },
  LoadChar: { code: 0x07, fields: [['buffer', 1], ['page', 2]] },
  UpChar: { code: 0x08, fields: [['buffer', 1]] },
  DownChar: { code: 0x09, fields: [['buffer', 1]] },
  UpImage: { code: 0x0a, fields: [] },
  DownImage: { code: 0x0b, fields: [] },
  DeletChar: { code: 0x0c, fields: [['page', 2], ['count', 2]] },
  Empty: { code: 0x0d, fields: [] },
  WriteReg: { code: 0x0e, fields: [['register', 1], ['value', 1]] },
  ReadSysPara: { code: 0x0f, fields: [] },
  SetPwd: { code: 0x12, fields: [['password', 4]] },
  VfyPwd: { code: 0x13, fields: [['password', 4]] },
  GetRandomCode: { code: 0x14, fields: [] },
  SetAdder: { code: 0x15, fields: [['address', 4]] },
  Control: { code: 0x17, fields: [['on', 1]] },
  WriteNotepad: { code: 0x18, fields: [['page', 1], ['content', 32]] },
  ReadNotepad: { code: 0x19, fields: [['page', 1]] },
  HiSpeedSearch: { code: 0x1b, fields: [['buffer', 1], ['start', 2], ['count', 2]] },
  TemplateNum: { code: 0x1d, fields: [] },
  ReadIndexTable: { code: 0x1f, fields: [['page', 1]] },
  AuraLedConfig: { code: 0x35, fields: [['control', 1], ['speed', 1], ['colour', 1], ['cycles', 1]] },
  CheckSensor: { code: 0x36, fields: [] },
  SoftReset: { code: 0x3d, fields: [] },
  HandShake: { code: 0x40, fields: [] },
} as const satisfies Record<string, { code: number; fields: readonly FieldSpec[] }>;

export type InstructionName = keyof typeof INSTRUCTIONS;

type FieldValue<Size> = Size extends 32 ? Uint8Array : number;
type ParametersOf<Fields> = Fields extends readonly FieldSpec[]
  ? { readonly [F in Fields[number] as F[0]]: FieldValue<F[1]> }
  : never;

/** A command with its typed parameters, e.g. `{ instruction: 'Search', buffer: 1, start: 0, count: 1000 }`. */
export type Command = {
  [I in InstructionName]: { readonly instruction: I } & ParametersOf<(typeof INSTRUCTIONS)[I]['fields']>;
}[InstructionName];

const INSTRUCTION_OF_CODE = new Map<number, InstructionName>(
  (Object.keys(INSTRUCTIONS) as InstructionName[]).map((name) => [INSTRUCTIONS[name].code, name]),
);

export function instructionName(code: number): InstructionName | undefined {
  return INSTRUCTION_OF_CODE.get(code);
}

function fieldsOf(instruction: InstructionName): readonly FieldSpec[] {
  return INSTRUCTIONS[instruction].fields;
}

export function encodeCommand(command: Command, address = DEFAULT_ADDRESS): Uint8Array {
  const fields = fieldsOf(command.instruction);
  const size = 1 + fields.reduce((sum, [, bytes]) => sum + bytes, 0);
  const payload = new Uint8Array(size);
  const view = new DataView(payload.buffer);
  payload[0] = INSTRUCTIONS[command.instruction].code;
  let at = 1;
  const values = command as unknown as Record<string, number | Uint8Array>;
  for (const [name, bytes] of fields) {
    const value = values[name];
    if (bytes === 32) {
      if (!(value instanceof Uint8Array) || value.length !== 32) throw new Error(`${command.instruction}.${name}: 32 bytes`);
      payload.set(value, at);
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** (8 * bytes)) {
        throw new Error(`${command.instruction}.${name}: an unsigned ${8 * bytes}-bit integer, got ${String(value)}`);
      }
      if (bytes === 1) view.setUint8(at, value);
      else if (bytes === 2) view.setUint16(at, value);
      else view.setUint32(at, value);
    }
    at += bytes;
  }
  return encodePacket({ kind: 'command', address, payload });
}

export type CommandDecodeError = { readonly reason: 'not-a-command' | 'unknown-instruction' | 'bad-parameters'; readonly code?: number };

/** The module's side: what a command packet asks for (used by the simulator). */
export function decodeCommand(packet: Packet): Result<Command, CommandDecodeError> {
  if (packet.kind !== 'command' || packet.payload.length === 0) return err({ reason: 'not-a-command' });
  const code = packet.payload[0]!;
  const instruction = INSTRUCTION_OF_CODE.get(code);
  if (!instruction) return err({ reason: 'unknown-instruction', code });
  const fields = fieldsOf(instruction);
  const expected = 1 + fields.reduce((sum, [, bytes]) => sum + bytes, 0);
  if (packet.payload.length !== expected) return err({ reason: 'bad-parameters', code });
  const view = new DataView(packet.payload.buffer, packet.payload.byteOffset, packet.payload.length);
  const command: Record<string, number | Uint8Array | string> = { instruction };
  let at = 1;
  for (const [name, bytes] of fields) {
    if (bytes === 1) command[name] = view.getUint8(at);
    else if (bytes === 2) command[name] = view.getUint16(at);
    else if (bytes === 4) command[name] = view.getUint32(at);
    else command[name] = packet.payload.slice(at, at + bytes);
    at += bytes;
  }
  return ok(command as unknown as Command);
}

// ---- acknowledgements ---------------------------------------------------------------------------------------------

/**
 * Confirmation codes (first payload byte of an acknowledge packet). 00–1D are common to the R30x family and AS608;
 * 1F–29 and FC–FE are added by the R50x manuals. Unknown codes are kept as numbers, never a crash.
 */
export const CONFIRMATION_CODES = {
  0x00: { name: 'ok', meaning: 'command complete' },
  0x01: { name: 'packet-error', meaning: 'error receiving the packet' },
  0x02: { name: 'no-finger', meaning: 'no finger on the sensor' },
  0x03: { name: 'image-failed', meaning: 'failed to take the finger image' },
  0x04: { name: 'image-too-dry', meaning: 'image too dry or light to extract features' },
  0x05: { name: 'image-too-wet', meaning: 'image too wet or smudged to extract features' },
  0x06: { name: 'image-messy', meaning: 'image too disorderly to extract features' },
  0x07: { name: 'too-few-features', meaning: 'too few feature points, or the image is too small' },
  0x08: { name: 'no-match', meaning: 'the two templates do not match' },
  0x09: { name: 'not-found', meaning: 'no matching template in the library' },
  0x0a: { name: 'merge-failed', meaning: 'failed to combine the character files' },
  0x0b: { name: 'bad-page', meaning: 'page id beyond the library' },
  0x0c: { name: 'template-invalid', meaning: 'error reading the template, or the template is invalid' },
  0x0d: { name: 'upload-failed', meaning: 'error uploading the template' },
  0x0e: { name: 'cannot-receive', meaning: 'the module cannot receive the following data packets' },
  0x0f: { name: 'image-upload-failed', meaning: 'error uploading the image' },
  0x10: { name: 'delete-failed', meaning: 'failed to delete the template' },
  0x11: { name: 'clear-failed', meaning: 'failed to clear the library' },
  0x12: { name: 'low-power-failed', meaning: 'cannot enter low-power state' },
  0x13: { name: 'wrong-password', meaning: 'wrong password' },
  0x14: { name: 'reset-failed', meaning: 'system reset failed' },
  0x15: { name: 'no-valid-image', meaning: 'no valid primary image in the buffer' },
  0x16: { name: 'upgrade-failed', meaning: 'online upgrade failed' },
  0x17: { name: 'residual-finger', meaning: 'residual print, or the finger did not move between captures' },
  0x18: { name: 'flash-error', meaning: 'error writing flash' },
  0x19: { name: 'undefined-error', meaning: 'undefined error' },
  0x1a: { name: 'invalid-register', meaning: 'invalid register number' },
  0x1b: { name: 'bad-register-value', meaning: 'incorrect register configuration' },
  0x1c: { name: 'bad-notepad-page', meaning: 'wrong notepad page number' },
  0x1d: { name: 'port-failed', meaning: 'failed to operate the communication port' },
  0x1e: { name: 'auto-enroll-failed', meaning: 'automatic enrolment failed' },
  0x1f: { name: 'library-full', meaning: 'the fingerprint library is full' },
  0x20: { name: 'wrong-address', meaning: 'the module address is incorrect' },
  0x21: { name: 'password-required', meaning: 'the password must be verified first' },
  0x22: { name: 'template-empty', meaning: 'the template is empty' },
  0x24: { name: 'library-empty', meaning: 'the fingerprint library is empty' },
  0x26: { name: 'timeout', meaning: 'time-out' },
  0x27: { name: 'already-exists', meaning: 'the fingerprint already exists' },
  0x29: { name: 'sensor-hardware-error', meaning: 'sensor hardware error' },
  0xfc: { name: 'unsupported-command', meaning: 'unsupported command' },
  0xfd: { name: 'hardware-error', meaning: 'hardware error' },
  0xfe: { name: 'command-failed', meaning: 'command execution failed' },
} as const;

export type ConfirmationName = (typeof CONFIRMATION_CODES)[keyof typeof CONFIRMATION_CODES]['name'];

export const CONFIRMATION = Object.fromEntries(
  Object.entries(CONFIRMATION_CODES).map(([code, { name }]) => [name, Number(code)]),
) as { readonly [N in ConfirmationName]: number };

export function confirmationName(code: number): ConfirmationName | `unknown-0x${string}` {
  const known = (CONFIRMATION_CODES as Record<number, { name: ConfirmationName }>)[code];
  return known ? known.name : `unknown-0x${code.toString(16).padStart(2, '0')}`;
}

export function confirmationMeaning(code: number): string {
  const known = (CONFIRMATION_CODES as Record<number, { meaning: string }>)[code];
  return known ? known.meaning : `unknown confirmation code 0x${code.toString(16).padStart(2, '0')}`;
}

export type Ack = {
  readonly code: number;
  /** Bytes after the confirmation code (search result, system parameters, counts …). */
  readonly data: Uint8Array;
};

export function encodeAck(code: number, data: Uint8Array = new Uint8Array(0), address = DEFAULT_ADDRESS): Uint8Array {
  const payload = new Uint8Array(1 + data.length);
  payload[0] = code;
  payload.set(data, 1);
  return encodePacket({ kind: 'ack', address, payload });
}

export function decodeAck(packet: Packet): Result<Ack, { readonly reason: 'not-an-ack' | 'empty' }> {
  if (packet.kind !== 'ack') return err({ reason: 'not-an-ack' });
  if (packet.payload.length === 0) return err({ reason: 'empty' });
  return ok({ code: packet.payload[0]!, data: packet.payload.slice(1) });
}

// ---- replies with data --------------------------------------------------------------------------------------------

export type SearchResult = { readonly page: number; readonly score: number };

export function readSearchResult(data: Uint8Array): Result<SearchResult, string> {
  if (data.length < 4) return err(`search result needs 4 bytes, got ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  return ok({ page: view.getUint16(0), score: view.getUint16(2) });
}

export function readUint16(data: Uint8Array, what: string): Result<number, string> {
  if (data.length < 2) return err(`${what} needs 2 bytes, got ${data.length}`);
  return ok((data[0]! << 8) | data[1]!);
}

/** Data packet sizes by the code in the system parameters (0 → 32 … 3 → 256 bytes). */
export const DATA_PACKET_SIZES = [32, 64, 128, 256] as const;

export type SystemParameters = {
  readonly statusRegister: number;
  readonly systemId: number;
  readonly librarySize: number;
  readonly securityLevel: number;
  readonly address: number;
  readonly dataPacketSize: (typeof DATA_PACKET_SIZES)[number];
  readonly baudRate: number;
};

export const SYSTEM_PARAMETER_BYTES = 16;

/** ReadSysPara's 16 bytes: status, system id, library size, security level, address, packet size code, baud ÷ 9600. */
export function readSystemParameters(data: Uint8Array): Result<SystemParameters, string> {
  if (data.length < SYSTEM_PARAMETER_BYTES) return err(`system parameters need 16 bytes, got ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const sizeCode = view.getUint16(12);
  const dataPacketSize = DATA_PACKET_SIZES[sizeCode];
  if (dataPacketSize === undefined) return err(`unknown data packet size code ${sizeCode}`);
  return ok({
    statusRegister: view.getUint16(0),
    systemId: view.getUint16(2),
    librarySize: view.getUint16(4),
    securityLevel: view.getUint16(6),
    address: view.getUint32(8),
    dataPacketSize,
    baudRate: view.getUint16(14) * 9600,
  });
}

export function encodeSystemParameters(parameters: SystemParameters): Uint8Array {
  const data = new Uint8Array(SYSTEM_PARAMETER_BYTES);
  const view = new DataView(data.buffer);
  view.setUint16(0, parameters.statusRegister);
  view.setUint16(2, parameters.systemId);
  view.setUint16(4, parameters.librarySize);
  view.setUint16(6, parameters.securityLevel);
  view.setUint32(8, parameters.address >>> 0);
  view.setUint16(12, DATA_PACKET_SIZES.indexOf(parameters.dataPacketSize));
  view.setUint16(14, Math.round(parameters.baudRate / 9600));
  return data;
}

/**
 * A character file (template) as the module uploads it after UpChar: data packets (PID 02) of the module's packet
 * size, the last one an end-of-data packet (PID 08).
 */
export function encodeDataPackets(bytes: Uint8Array, packetSize: number, address = DEFAULT_ADDRESS): Uint8Array[] {
  if (bytes.length === 0) return [encodePacket({ kind: 'end-of-data', address, payload: bytes })];
  const packets: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += packetSize) {
    const last = at + packetSize >= bytes.length;
    packets.push(encodePacket({ kind: last ? 'end-of-data' : 'data', address, payload: bytes.slice(at, at + packetSize) }));
  }
  return packets;
}

/** Aura LED (R50x): control codes and colours from the R503 manual. */
export const AURA = {
  control: { breathing: 0x01, flashing: 0x02, on: 0x03, off: 0x04, fadeIn: 0x05, fadeOut: 0x06 },
  colour: { red: 0x01, blue: 0x02, purple: 0x03 },
} as const;

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function fromHex(text: string): Uint8Array {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return Uint8Array.from(parts.map((part) => Number.parseInt(part, 16)));
}
