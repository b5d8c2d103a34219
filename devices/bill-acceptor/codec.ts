import { err, ok, type Result } from '../../common/result';
import type { Won } from '../../common/money';
import { hexByte as hex } from '../transport/bytes';

/**
 * JCM ID-003 frames (protocols.md §1): `FC | LNG | CMD | DATA… | CRC_L | CRC_H`, LNG counting every byte of the
 * frame, CRC-16/KERMIT over SYNC..DATA sent low byte first. Pure bytes ⇄ typed messages; no I/O, no timing.
 */
export const SYNC = 0xfc;
export const MIN_FRAME_LENGTH = 5;
/** LNG is one byte; the longest real reply (currency assignment, 8 slots) is 37. */
export const MAX_FRAME_LENGTH = 255;

// ---------------------------------------------------------------- CRC and framing

/** CRC-16/KERMIT: polynomial 0x1021 reflected (0x8408), initial 0, no final xor. Check("123456789") = 0x2189. */
export function crc16Kermit(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= (bytes[i] ?? 0) & 0xff;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc & 0xffff;
}

export type Frame = { readonly command: number; readonly data: Uint8Array };

export function encodeFrame(command: number, data: ArrayLike<number> = []): Uint8Array {
  const length = MIN_FRAME_LENGTH + data.length;
  if (length > MAX_FRAME_LENGTH) throw new Error(`ID-003 frame too long: ${length} bytes`);
  const frame = new Uint8Array(length);
  frame[0] = SYNC;
  frame[1] = length;
  frame[2] = command & 0xff;
  frame.set(Array.from(data, (b) => b & 0xff), 3);
  const crc = crc16Kermit(frame, 0, length - 2);
  frame[length - 2] = crc & 0xff;
  frame[length - 1] = crc >>> 8;
  return frame;
}

export type FrameReaderOutput =
  | { readonly kind: 'frame'; readonly frame: Frame }
  /** Bytes thrown away while looking for a frame: noise, a corrupted length or a CRC that does not match. */
  | { readonly kind: 'discarded'; readonly count: number; readonly reason: 'no-sync' | 'bad-length' | 'bad-crc' };

/**
 * Splits a byte stream into frames. A bad length or CRC drops only the SYNC byte and searches again, so one
 * corrupted byte never swallows the good frame after it.
 */
export class FrameReader {
  private buffer: number[] = [];

  push(bytes: ArrayLike<number>): FrameReaderOutput[] {
    for (let i = 0; i < bytes.length; i++) this.buffer.push((bytes[i] ?? 0) & 0xff);
    const out: FrameReaderOutput[] = [];
    for (;;) {
      const sync = this.buffer.indexOf(SYNC);
      if (sync < 0) {
        if (this.buffer.length > 0) out.push({ kind: 'discarded', count: this.buffer.length, reason: 'no-sync' });
        this.buffer = [];
        return out;
      }
      if (sync > 0) {
        out.push({ kind: 'discarded', count: sync, reason: 'no-sync' });
        this.buffer.splice(0, sync);
      }
      if (this.buffer.length < 2) return out;
      const length = this.buffer[1] ?? 0;
      if (length < MIN_FRAME_LENGTH) {
        this.buffer.shift();
        out.push({ kind: 'discarded', count: 1, reason: 'bad-length' });
        continue;
      }
      if (this.buffer.length < length) return out;
      const crc = crc16Kermit(this.buffer, 0, length - 2);
      const sent = (this.buffer[length - 2] ?? 0) | ((this.buffer[length - 1] ?? 0) << 8);
      if (crc !== sent) {
        this.buffer.shift();
        out.push({ kind: 'discarded', count: 1, reason: 'bad-crc' });
        continue;
      }
      const frame = this.buffer.splice(0, length);
      out.push({ kind: 'frame', frame: { command: frame[2] ?? 0, data: Uint8Array.from(frame.slice(3, length - 2)) } });
    }
  }

  /** Forget a partial frame (the driver calls it before each request: ID-003 is strictly request/reply). */
  reset(): void {
    this.buffer = [];
  }

  get pending(): number {
    return this.buffer.length;
  }
}

// ---------------------------------------------------------------- host commands

export const Command = {
  statusRequest: 0x11,
  ack: 0x50,
  reset: 0x40,
  stack1: 0x41,
  stack2: 0x42,
  return: 0x43,
  hold: 0x44,
  wait: 0x45,
  setDenominations: 0xc0,
  setSecurity: 0xc1,
  setCommunicationMode: 0xc2,
  setInhibit: 0xc3,
  setDirection: 0xc4,
  setOptionalFunctions: 0xc5,
  getVersion: 0x88,
  getBootVersion: 0x89,
  getCurrencyAssignment: 0x8a,
} as const;

/** Settings whose current value the `80`–`85` gets mirror (`80` ↔ `C0` …). */
export type SettingName = 'denominations' | 'security' | 'communication-mode' | 'inhibit' | 'direction' | 'optional-functions';
const SETTING_OFFSETS: Record<SettingName, number> = {
  denominations: 0,
  security: 1,
  'communication-mode': 2,
  inhibit: 3,
  direction: 4,
  'optional-functions': 5,
};

export type HostCommand =
  | { readonly type: 'status-request' }
  | { readonly type: 'ack' }
  | { readonly type: 'reset' }
  | { readonly type: 'stack-1' }
  | { readonly type: 'stack-2' }
  | { readonly type: 'return' }
  | { readonly type: 'hold' }
  | { readonly type: 'wait' }
  /** Bit i set inhibits escrow code 0x61+i (bits 0–7 in d1, 8–15 in d2). */
  | { readonly type: 'set-denominations'; readonly inhibited: number }
  | { readonly type: 'set-security'; readonly mask: number }
  /** 0 = polling, the only mode this driver uses. */
  | { readonly type: 'set-communication-mode'; readonly mode: number }
  | { readonly type: 'set-inhibit'; readonly inhibit: boolean }
  | { readonly type: 'set-direction'; readonly mask: number }
  | { readonly type: 'set-optional-functions'; readonly mask: number }
  | { readonly type: 'get-setting'; readonly setting: SettingName }
  | { readonly type: 'get-version' }
  | { readonly type: 'get-boot-version' }
  | { readonly type: 'get-currency-assignment' };

const word = (value: number) => [value & 0xff, (value >>> 8) & 0xff];
const readWord = (data: Uint8Array) => (data[0] ?? 0) | ((data[1] ?? 0) << 8);

export function encodeHostCommand(command: HostCommand): Uint8Array {
  switch (command.type) {
    case 'status-request':
      return encodeFrame(Command.statusRequest);
    case 'ack':
      return encodeFrame(Command.ack);
    case 'reset':
      return encodeFrame(Command.reset);
    case 'stack-1':
      return encodeFrame(Command.stack1);
    case 'stack-2':
      return encodeFrame(Command.stack2);
    case 'return':
      return encodeFrame(Command.return);
    case 'hold':
      return encodeFrame(Command.hold);
    case 'wait':
      return encodeFrame(Command.wait);
    case 'set-denominations':
      return encodeFrame(Command.setDenominations, word(command.inhibited));
    case 'set-security':
      return encodeFrame(Command.setSecurity, word(command.mask));
    case 'set-communication-mode':
      return encodeFrame(Command.setCommunicationMode, [command.mode]);
    case 'set-inhibit':
      return encodeFrame(Command.setInhibit, [command.inhibit ? 1 : 0]);
    case 'set-direction':
      return encodeFrame(Command.setDirection, [command.mask]);
    case 'set-optional-functions':
      return encodeFrame(Command.setOptionalFunctions, word(command.mask));
    case 'get-setting':
      return encodeFrame(0x80 + SETTING_OFFSETS[command.setting]);
    case 'get-version':
      return encodeFrame(Command.getVersion);
    case 'get-boot-version':
      return encodeFrame(Command.getBootVersion);
    case 'get-currency-assignment':
      return encodeFrame(Command.getCurrencyAssignment);
  }
}

export type DecodeError = { readonly kind: 'unknown-command' | 'bad-data'; readonly detail: string };

/** The acceptor's side (used by the simulator): what did the host ask? */
export function decodeHostCommand(frame: Frame): Result<HostCommand, DecodeError> {
  const { command, data } = frame;
  const expect = (n: number, value: HostCommand): Result<HostCommand, DecodeError> =>
    data.length === n ? ok(value) : err({ kind: 'bad-data', detail: `command ${hex(command)} wants ${n} data bytes, got ${data.length}` });
  switch (command) {
    case Command.statusRequest:
      return expect(0, { type: 'status-request' });
    case Command.ack:
      return expect(0, { type: 'ack' });
    case Command.reset:
      return expect(0, { type: 'reset' });
    case Command.stack1:
      return expect(0, { type: 'stack-1' });
    case Command.stack2:
      return expect(0, { type: 'stack-2' });
    case Command.return:
      return expect(0, { type: 'return' });
    case Command.hold:
      return expect(0, { type: 'hold' });
    case Command.wait:
      return expect(0, { type: 'wait' });
    case Command.setDenominations:
      return expect(2, { type: 'set-denominations', inhibited: readWord(data) });
    case Command.setSecurity:
      return expect(2, { type: 'set-security', mask: readWord(data) });
    case Command.setCommunicationMode:
      return expect(1, { type: 'set-communication-mode', mode: data[0] ?? 0 });
    case Command.setInhibit:
      return expect(1, { type: 'set-inhibit', inhibit: (data[0] ?? 0) !== 0 });
    case Command.setDirection:
      return expect(1, { type: 'set-direction', mask: data[0] ?? 0 });
    case Command.setOptionalFunctions:
      return expect(2, { type: 'set-optional-functions', mask: readWord(data) });
    case Command.getVersion:
      return expect(0, { type: 'get-version' });
    case Command.getBootVersion:
      return expect(0, { type: 'get-boot-version' });
    case Command.getCurrencyAssignment:
      return expect(0, { type: 'get-currency-assignment' });
    default: {
      const setting = (Object.keys(SETTING_OFFSETS) as SettingName[]).find((name) => 0x80 + SETTING_OFFSETS[name] === command);
      if (setting) return expect(0, { type: 'get-setting', setting });
      return err({ kind: 'unknown-command', detail: `unknown command ${hex(command)}` });
    }
  }
}

// ---------------------------------------------------------------- acceptor statuses

export type RejectReason =
  | 'insertion'
  | 'magnetic'
  | 'remained-in-head'
  | 'compensation'
  | 'conveying'
  | 'denomination'
  | 'photo-pattern'
  | 'photo-level'
  /** The denomination is inhibited, or the note sat in escrow too long without a decision. */
  | 'inhibited'
  | 'operation'
  | 'remained-in-stacker'
  | 'length'
  | 'colour-pattern'
  | 'unknown';

export const REJECT_CODES: Readonly<Record<Exclude<RejectReason, 'unknown'>, number>> = {
  insertion: 0x71,
  magnetic: 0x72,
  'remained-in-head': 0x73,
  compensation: 0x74,
  conveying: 0x75,
  denomination: 0x76,
  'photo-pattern': 0x77,
  'photo-level': 0x78,
  inhibited: 0x79,
  operation: 0x7b,
  'remained-in-stacker': 0x7c,
  length: 0x7d,
  'colour-pattern': 0x7e,
};

export type FailureKind =
  | 'stack-motor'
  | 'transport-speed'
  | 'transport-motor'
  | 'aligning-motor'
  | 'cash-box-not-ready'
  | 'sensor'
  | 'head-removed'
  | 'rom'
  | 'unknown';

const FAILURE_KINDS: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  [0xa2, 'stack-motor'],
  [0xa5, 'transport-speed'],
  [0xa6, 'transport-motor'],
  [0xa7, 'aligning-motor'],
  [0xab, 'cash-box-not-ready'],
  [0xac, 'sensor'],
  [0xad, 'sensor'],
  [0xaf, 'head-removed'],
  [0xb0, 'rom'],
  [0xb1, 'rom'],
  [0xb2, 'rom'],
  [0xb3, 'rom'],
]);
export const FAILURE_CODES: readonly number[] = [...FAILURE_KINDS.keys()];

export function rejectReasonOf(code: number): RejectReason {
  const found = (Object.entries(REJECT_CODES) as [Exclude<RejectReason, 'unknown'>, number][]).find(([, c]) => c === code);
  return found ? found[0] : 'unknown';
}

export function failureKindOf(code: number): FailureKind {
  return FAILURE_KINDS.get(code) ?? 'unknown';
}

export type AcceptorStatus =
  | { readonly kind: 'idling' }
  | { readonly kind: 'accepting' }
  | { readonly kind: 'escrow'; readonly escrowCode: number }
  | { readonly kind: 'stacking' }
  | { readonly kind: 'vend-valid'; readonly escrowCode: number }
  | { readonly kind: 'stacked' }
  | { readonly kind: 'rejecting'; readonly reason: RejectReason; readonly code: number }
  | { readonly kind: 'returning' }
  | { readonly kind: 'holding' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'initializing' }
  | { readonly kind: 'power-up' }
  | { readonly kind: 'power-up-bill-in-acceptor' }
  | { readonly kind: 'power-up-bill-in-stacker' }
  | { readonly kind: 'stacker-full' }
  | { readonly kind: 'stacker-open' }
  | { readonly kind: 'jam-in-acceptor' }
  | { readonly kind: 'jam-in-stacker' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'cheated' }
  | { readonly kind: 'failure'; readonly failure: FailureKind; readonly code: number }
  | { readonly kind: 'communication-error' }
  | { readonly kind: 'invalid-command' };

export type StatusKind = AcceptorStatus['kind'];

export const STATUS_CODES: Readonly<Record<StatusKind, number>> = {
  idling: 0x11,
  accepting: 0x12,
  escrow: 0x13,
  stacking: 0x14,
  'vend-valid': 0x15,
  stacked: 0x16,
  rejecting: 0x17,
  returning: 0x18,
  holding: 0x19,
  disabled: 0x1a,
  initializing: 0x1b,
  'power-up': 0x40,
  'power-up-bill-in-acceptor': 0x41,
  'power-up-bill-in-stacker': 0x42,
  'stacker-full': 0x43,
  'stacker-open': 0x44,
  'jam-in-acceptor': 0x45,
  'jam-in-stacker': 0x46,
  pause: 0x47,
  cheated: 0x48,
  failure: 0x49,
  'communication-error': 0x4a,
  'invalid-command': 0x4b,
};
const STATUS_BY_CODE = new Map<number, StatusKind>(
  (Object.entries(STATUS_CODES) as [StatusKind, number][]).map(([kind, code]) => [code, kind]),
);

/** Statuses that stop the unit until a person or a reset intervenes. */
export const FAULT_STATUSES: readonly StatusKind[] = [
  'stacker-full',
  'stacker-open',
  'jam-in-acceptor',
  'jam-in-stacker',
  'pause',
  'cheated',
  'failure',
];

export function isFaultStatus(status: AcceptorStatus): boolean {
  return FAULT_STATUSES.includes(status.kind);
}

function statusData(status: AcceptorStatus): number[] {
  switch (status.kind) {
    case 'escrow':
    case 'vend-valid':
      return [status.escrowCode];
    case 'rejecting':
    case 'failure':
      return [status.code];
    default:
      return [];
  }
}

// ---------------------------------------------------------------- acceptor replies

export type CurrencySlot = {
  readonly escrowCode: number;
  /** Country code as the firmware reports it; the KRW value is not public, so only base/exponent give the value. */
  readonly countryCode: number;
  readonly base: number;
  readonly exponent: number;
  /** base × 10^exponent; 0 for an unused slot. */
  readonly value: Won;
};

export type AcceptorMessage =
  | { readonly type: 'status'; readonly status: AcceptorStatus }
  | { readonly type: 'ack' }
  /** A setting command (`C0`–`C5`) is answered by an echo of itself. */
  | { readonly type: 'setting-echo'; readonly command: number; readonly data: Uint8Array }
  /** A get (`80`–`87`): the current value of the matching setting. */
  | { readonly type: 'setting'; readonly command: number; readonly data: Uint8Array }
  | { readonly type: 'version'; readonly text: string }
  | { readonly type: 'boot-version'; readonly text: string }
  | { readonly type: 'currency-assignment'; readonly slots: readonly CurrencySlot[] };

export function encodeAcceptorMessage(message: AcceptorMessage): Uint8Array {
  switch (message.type) {
    case 'status':
      return encodeFrame(STATUS_CODES[message.status.kind], statusData(message.status));
    case 'ack':
      return encodeFrame(Command.ack);
    case 'setting-echo':
    case 'setting':
      return encodeFrame(message.command, message.data);
    case 'version':
      return encodeFrame(Command.getVersion, asciiBytes(message.text));
    case 'boot-version':
      return encodeFrame(Command.getBootVersion, asciiBytes(message.text));
    case 'currency-assignment':
      return encodeFrame(
        Command.getCurrencyAssignment,
        message.slots.flatMap((slot) => [slot.escrowCode, slot.countryCode, slot.base, slot.exponent]),
      );
  }
}

/** The host's side: what did the acceptor answer? Malformed data is an error value, never an exception. */
export function decodeAcceptorMessage(frame: Frame): Result<AcceptorMessage, DecodeError> {
  const { command, data } = frame;
  const kind = STATUS_BY_CODE.get(command);
  if (kind !== undefined) return decodeStatus(kind, data);
  if (command === Command.ack) return data.length === 0 ? ok({ type: 'ack' }) : bad(command, 'ACK with data');
  if (command >= 0xc0 && command <= 0xc5) return ok({ type: 'setting-echo', command, data });
  if (command >= 0x80 && command <= 0x87) return ok({ type: 'setting', command, data });
  if (command === Command.getVersion) return ok({ type: 'version', text: asciiText(data) });
  if (command === Command.getBootVersion) return ok({ type: 'boot-version', text: asciiText(data) });
  if (command === Command.getCurrencyAssignment) {
    if (data.length % 4 !== 0) return bad(command, `currency assignment of ${data.length} bytes is not 4 per slot`);
    const slots: CurrencySlot[] = [];
    for (let i = 0; i < data.length; i += 4) {
      const [escrowCode = 0, countryCode = 0, base = 0, exponent = 0] = data.subarray(i, i + 4);
      // Exponents beyond 9 do not occur in any currency; treat them as an unusable slot rather than overflow.
      const value = exponent <= 9 ? base * 10 ** exponent : 0;
      slots.push({ escrowCode, countryCode, base, exponent, value });
    }
    return ok({ type: 'currency-assignment', slots });
  }
  return err({ kind: 'unknown-command', detail: `unknown reply ${hex(command)}` });
}

function decodeStatus(kind: StatusKind, data: Uint8Array): Result<AcceptorMessage, DecodeError> {
  const status = (value: AcceptorStatus): Result<AcceptorMessage, DecodeError> => ok({ type: 'status', status: value });
  const one = data[0];
  switch (kind) {
    case 'escrow':
    case 'vend-valid':
    case 'rejecting':
    case 'failure': {
      if (data.length !== 1 || one === undefined) return bad(STATUS_CODES[kind], `status ${kind} wants 1 data byte, got ${data.length}`);
      if (kind === 'escrow') return status({ kind, escrowCode: one });
      if (kind === 'vend-valid') return status({ kind, escrowCode: one });
      if (kind === 'rejecting') return status({ kind, reason: rejectReasonOf(one), code: one });
      return status({ kind, failure: failureKindOf(one), code: one });
    }
    default:
      if (data.length !== 0) return bad(STATUS_CODES[kind], `status ${kind} carries no data, got ${data.length} bytes`);
      return status({ kind } as AcceptorStatus);
  }
}

function bad(command: number, detail: string): Result<never, DecodeError> {
  return err({ kind: 'bad-data', detail: `${hex(command)}: ${detail}` });
}

function asciiBytes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
}

function asciiText(data: Uint8Array): string {
  return Array.from(data, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('');
}
