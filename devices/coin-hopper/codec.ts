import { err, ok, type Result } from '../../common/result';
import { hexByte } from '../transport/bytes';

/**
 * ccTalk with the simple checksum, as payout hoppers use it (protocols.md §2, Generic Specification 4.7):
 * `[dest][nData][src][header][data…][chk]`, every byte summing to 0 mod 256. Replies carry header 0 (ACK, and
 * every reply with data), 5 (NAK) or 6 (BUSY); what the data means depends on the request it answers.
 */
export const HOST_ADDRESS = 1;
/** The first payout device; more hoppers sit at 4–10. */
export const DEFAULT_HOPPER_ADDRESS = 3;
/** A partial frame older than this is noise (the spec's inter-byte limit). */
export const INTER_BYTE_TIMEOUT_MS = 50;
export const MAX_DATA_BYTES = 252;

export const Header = {
  ack: 0,
  resetDevice: 1,
  commsRevision: 4,
  nak: 5,
  busy: 6,
  requestCipherKey: 160,
  pumpRng: 161,
  testHopper: 163,
  enableHopper: 164,
  hopperStatus: 166,
  dispenseHopperCoins: 167,
  dispenseCount: 168,
  emergencyStop: 172,
  payoutStatus: 217,
  softwareRevision: 241,
  serialNumber: 242,
  productCode: 244,
  equipmentCategory: 245,
  manufacturer: 246,
  simplePoll: 254,
} as const;

/** The enable-hopper magic byte: anything else disables. */
export const ENABLE_MAGIC = 0xa5;

export type CcTalkFrame = {
  readonly destination: number;
  readonly source: number;
  readonly header: number;
  readonly data: Uint8Array;
};

export function checksum(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i] ?? 0;
  return -sum & 0xff;
}

export function encodeFrame(frame: CcTalkFrame): Uint8Array {
  if (frame.data.length > MAX_DATA_BYTES) throw new Error(`ccTalk frame with ${frame.data.length} data bytes`);
  const bytes = new Uint8Array(frame.data.length + 5);
  bytes[0] = frame.destination & 0xff;
  bytes[1] = frame.data.length;
  bytes[2] = frame.source & 0xff;
  bytes[3] = frame.header & 0xff;
  bytes.set(frame.data, 4);
  bytes[bytes.length - 1] = checksum(bytes, 0, bytes.length - 1);
  return bytes;
}

export type ReaderOutput =
  | { readonly kind: 'frame'; readonly frame: CcTalkFrame }
  | { readonly kind: 'discarded'; readonly count: number; readonly reason: 'bad-checksum' | 'inter-byte-timeout' };

/**
 * Splits the bus into frames. On one wire the host reads its own request back first (the echo); the reader
 * returns it like any frame and the driver skips frames not addressed to the host. A partial frame older than
 * the inter-byte time-out is dropped; a bad checksum drops one byte and searches again.
 */
export class CcTalkReader {
  private buffer: number[] = [];
  private lastByteAt = Number.NEGATIVE_INFINITY;

  push(bytes: ArrayLike<number>, now: number): ReaderOutput[] {
    const out: ReaderOutput[] = [];
    if (this.buffer.length > 0 && now - this.lastByteAt > INTER_BYTE_TIMEOUT_MS) {
      out.push({ kind: 'discarded', count: this.buffer.length, reason: 'inter-byte-timeout' });
      this.buffer = [];
    }
    if (bytes.length > 0) this.lastByteAt = now;
    for (let i = 0; i < bytes.length; i++) this.buffer.push((bytes[i] ?? 0) & 0xff);
    for (;;) {
      if (this.buffer.length < 2) return out;
      const total = (this.buffer[1] ?? 0) + 5;
      if (this.buffer.length < total) return out;
      if (checksum(this.buffer, 0, total) !== 0) {
        this.buffer.shift();
        out.push({ kind: 'discarded', count: 1, reason: 'bad-checksum' });
        continue;
      }
      const raw = this.buffer.splice(0, total);
      out.push({
        kind: 'frame',
        frame: { destination: raw[0] ?? 0, source: raw[2] ?? 0, header: raw[3] ?? 0, data: Uint8Array.from(raw.slice(4, total - 1)) },
      });
    }
  }

  reset(): void {
    this.buffer = [];
  }
}

// ---------------------------------------------------------------- requests (host → hopper)

export type HopperRequest =
  | { readonly type: 'simple-poll' }
  | { readonly type: 'equipment-category' }
  | { readonly type: 'product-code' }
  | { readonly type: 'manufacturer' }
  | { readonly type: 'software-revision' }
  | { readonly type: 'serial-number' }
  | { readonly type: 'comms-revision' }
  | { readonly type: 'reset-device' }
  | { readonly type: 'enable-hopper'; readonly enable: boolean }
  /** The serial-number variant: the hopper checks its own serial number before paying. */
  | { readonly type: 'dispense'; readonly serialNumber: number; readonly count: number }
  /** The encrypted variant: decoded (so a simulator can play such a hopper), never sent by this driver. */
  | { readonly type: 'dispense-encrypted'; readonly cipher: Uint8Array; readonly count: number }
  | { readonly type: 'hopper-status' }
  | { readonly type: 'dispense-count' }
  | { readonly type: 'test-hopper' }
  | { readonly type: 'payout-status' }
  | { readonly type: 'emergency-stop' }
  | { readonly type: 'request-cipher-key' }
  | { readonly type: 'pump-rng'; readonly data: Uint8Array };

export type RequestType = HopperRequest['type'];

const SIMPLE_HEADERS = {
  'simple-poll': Header.simplePoll,
  'equipment-category': Header.equipmentCategory,
  'product-code': Header.productCode,
  manufacturer: Header.manufacturer,
  'software-revision': Header.softwareRevision,
  'serial-number': Header.serialNumber,
  'comms-revision': Header.commsRevision,
  'reset-device': Header.resetDevice,
  'hopper-status': Header.hopperStatus,
  'dispense-count': Header.dispenseCount,
  'test-hopper': Header.testHopper,
  'payout-status': Header.payoutStatus,
  'emergency-stop': Header.emergencyStop,
  'request-cipher-key': Header.requestCipherKey,
} as const satisfies Partial<Record<RequestType, number>>;

type SimpleRequestType = keyof typeof SIMPLE_HEADERS;

export function requestFrame(destination: number, request: HopperRequest, source = HOST_ADDRESS): CcTalkFrame {
  const frame = (header: number, data: ArrayLike<number> = []) => ({ destination, source, header, data: Uint8Array.from(data) });
  switch (request.type) {
    case 'enable-hopper':
      return frame(Header.enableHopper, [request.enable ? ENABLE_MAGIC : 0x00]);
    case 'dispense':
      return frame(Header.dispenseHopperCoins, [...serialBytes(request.serialNumber), request.count & 0xff]);
    case 'dispense-encrypted':
      return frame(Header.dispenseHopperCoins, [...request.cipher, request.count & 0xff]);
    case 'pump-rng':
      return frame(Header.pumpRng, request.data);
    default:
      return frame(SIMPLE_HEADERS[request.type]);
  }
}

export function encodeRequest(destination: number, request: HopperRequest, source = HOST_ADDRESS): Uint8Array {
  return encodeFrame(requestFrame(destination, request, source));
}

export type DecodeError = { readonly kind: 'unknown-header' | 'bad-data'; readonly detail: string };

/** The hopper's side (simulator): which request is this? */
export function decodeRequest(frame: CcTalkFrame): Result<HopperRequest, DecodeError> {
  const { header, data } = frame;
  switch (header) {
    case Header.enableHopper:
      return data.length === 1 ? ok({ type: 'enable-hopper', enable: data[0] === ENABLE_MAGIC }) : bad(header, data.length);
    case Header.dispenseHopperCoins:
      if (data.length === 4) return ok({ type: 'dispense', serialNumber: readSerial(data), count: data[3] ?? 0 });
      if (data.length === 9) return ok({ type: 'dispense-encrypted', cipher: data.slice(0, 8), count: data[8] ?? 0 });
      return bad(header, data.length);
    case Header.pumpRng:
      return ok({ type: 'pump-rng', data });
    default: {
      const found = (Object.entries(SIMPLE_HEADERS) as [SimpleRequestType, number][]).find(([, h]) => h === header);
      if (!found) return err({ kind: 'unknown-header', detail: `unknown header ${header}` });
      return data.length === 0 ? ok({ type: found[0] } as HopperRequest) : bad(header, data.length);
    }
  }
}

// ---------------------------------------------------------------- replies (hopper → host)

/** Test-hopper register 1 (header 163), bit by bit. */
export type HopperFaultFlags = {
  /** b0: the motor drew too much current — a jam. */
  readonly maxCurrentExceeded: boolean;
  /** b1: no coin came out in time — empty. */
  readonly payoutTimeout: boolean;
  readonly motorReversed: boolean;
  readonly optoBlockedIdle: boolean;
  readonly optoShortIdle: boolean;
  readonly optoBlockedPayout: boolean;
  readonly powerUpDetected: boolean;
  readonly payoutDisabled: boolean;
};

const FLAG_BITS: readonly (keyof HopperFaultFlags)[] = [
  'maxCurrentExceeded',
  'payoutTimeout',
  'motorReversed',
  'optoBlockedIdle',
  'optoShortIdle',
  'optoBlockedPayout',
  'powerUpDetected',
  'payoutDisabled',
];

export function faultFlagsOf(register1: number): HopperFaultFlags {
  const flags = {} as Record<keyof HopperFaultFlags, boolean>;
  FLAG_BITS.forEach((name, bit) => (flags[name] = ((register1 >> bit) & 1) === 1));
  return flags;
}

export function faultRegisterOf(flags: Partial<HopperFaultFlags>): number {
  return FLAG_BITS.reduce((register, name, bit) => (flags[name] ? register | (1 << bit) : register), 0);
}

export type LevelStatus = {
  readonly belowLow: boolean;
  readonly atOrAboveHigh: boolean;
  readonly lowSensorFitted: boolean;
  readonly highSensorFitted: boolean;
};

export type HopperStatus = {
  /** Incremented by each accepted dispense (255 wraps to 1); 0 only after power-up or reset. */
  readonly eventCounter: number;
  readonly coinsRemaining: number;
  readonly lastPaid: number;
  readonly lastUnpaid: number;
};

export type HopperReply =
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  | { readonly type: 'busy' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'serial-number'; readonly serialNumber: number }
  | { readonly type: 'comms-revision'; readonly release: number; readonly major: number; readonly minor: number }
  | { readonly type: 'event-counter'; readonly eventCounter: number }
  | ({ readonly type: 'hopper-status' } & HopperStatus)
  | { readonly type: 'dispense-count'; readonly count: number }
  | { readonly type: 'test-hopper'; readonly flags: HopperFaultFlags; readonly registers: readonly number[] }
  | ({ readonly type: 'payout-status' } & LevelStatus)
  | { readonly type: 'emergency-stop'; readonly coinsNotPaid: number }
  | { readonly type: 'cipher-key'; readonly key: Uint8Array };

export function replyFrame(source: number, reply: HopperReply, destination = HOST_ADDRESS): CcTalkFrame {
  const frame = (header: number, data: ArrayLike<number> = []) => ({ destination, source, header, data: Uint8Array.from(data) });
  switch (reply.type) {
    case 'ack':
      return frame(Header.ack);
    case 'nak':
      return frame(Header.nak);
    case 'busy':
      return frame(Header.busy);
    case 'text':
      return frame(Header.ack, Array.from(reply.text, (c) => c.charCodeAt(0) & 0x7f));
    case 'serial-number':
      return frame(Header.ack, serialBytes(reply.serialNumber));
    case 'comms-revision':
      return frame(Header.ack, [reply.release, reply.major, reply.minor]);
    case 'event-counter':
      return frame(Header.ack, [reply.eventCounter]);
    case 'hopper-status':
      return frame(Header.ack, [reply.eventCounter, reply.coinsRemaining, reply.lastPaid, reply.lastUnpaid]);
    case 'dispense-count':
      return frame(Header.ack, serialBytes(reply.count));
    case 'test-hopper':
      return frame(Header.ack, reply.registers.length > 0 ? reply.registers : [faultRegisterOf(reply.flags)]);
    case 'payout-status':
      return frame(Header.ack, [
        (reply.belowLow ? 1 : 0) | (reply.atOrAboveHigh ? 2 : 0) | (reply.lowSensorFitted ? 16 : 0) | (reply.highSensorFitted ? 32 : 0),
      ]);
    case 'emergency-stop':
      return frame(Header.ack, [reply.coinsNotPaid]);
    case 'cipher-key':
      return frame(Header.ack, reply.key);
  }
}

export function encodeReply(source: number, reply: HopperReply, destination = HOST_ADDRESS): Uint8Array {
  return encodeFrame(replyFrame(source, reply, destination));
}

/** The host's side: a reply means what the request asked for. Lengths are checked; nothing throws. */
export function decodeReply(request: HopperRequest, frame: CcTalkFrame): Result<HopperReply, DecodeError> {
  const { header, data } = frame;
  if (header === Header.nak) return data.length === 0 ? ok({ type: 'nak' }) : bad(header, data.length);
  if (header === Header.busy) return data.length === 0 ? ok({ type: 'busy' }) : bad(header, data.length);
  if (header !== Header.ack) return err({ kind: 'unknown-header', detail: `reply header ${header} is neither ACK, NAK nor BUSY` });
  const need = (n: number, reply: () => HopperReply): Result<HopperReply, DecodeError> =>
    data.length === n ? ok(reply()) : err({ kind: 'bad-data', detail: `${request.type} reply wants ${n} data bytes, got ${data.length}` });
  switch (request.type) {
    case 'simple-poll':
    case 'reset-device':
    case 'enable-hopper':
    case 'pump-rng':
      return need(0, () => ({ type: 'ack' }));
    case 'equipment-category':
    case 'product-code':
    case 'manufacturer':
    case 'software-revision':
      return ok({ type: 'text', text: Array.from(data, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('') });
    case 'serial-number':
      return need(3, () => ({ type: 'serial-number', serialNumber: readSerial(data) }));
    case 'comms-revision':
      return need(3, () => ({ type: 'comms-revision', release: data[0] ?? 0, major: data[1] ?? 0, minor: data[2] ?? 0 }));
    case 'dispense':
    case 'dispense-encrypted':
      return need(1, () => ({ type: 'event-counter', eventCounter: data[0] ?? 0 }));
    case 'hopper-status':
      return need(4, () => ({
        type: 'hopper-status',
        eventCounter: data[0] ?? 0,
        coinsRemaining: data[1] ?? 0,
        lastPaid: data[2] ?? 0,
        lastUnpaid: data[3] ?? 0,
      }));
    case 'dispense-count':
      return need(3, () => ({ type: 'dispense-count', count: readSerial(data) }));
    case 'test-hopper':
      if (data.length < 1 || data.length > 3) return bad(header, data.length);
      return ok({ type: 'test-hopper', flags: faultFlagsOf(data[0] ?? 0), registers: Array.from(data) });
    case 'payout-status':
      return need(1, () => {
        const b = data[0] ?? 0;
        return { type: 'payout-status', belowLow: (b & 1) !== 0, atOrAboveHigh: (b & 2) !== 0, lowSensorFitted: (b & 16) !== 0, highSensorFitted: (b & 32) !== 0 };
      });
    case 'emergency-stop':
      return need(1, () => ({ type: 'emergency-stop', coinsNotPaid: data[0] ?? 0 }));
    case 'request-cipher-key':
      return need(8, () => ({ type: 'cipher-key', key: Uint8Array.from(data) }));
  }
}

/** The counter value a hopper reports after accepting one more dispense (255 wraps to 1; 0 means power-up). */
export function nextEventCounter(eventCounter: number): number {
  return eventCounter >= 255 ? 1 : eventCounter + 1;
}

/** 24-bit counters wrap; the difference still counts coins paid since the baseline. */
export function countSince(baseline: number, now: number): number {
  return (now - baseline + 0x1000000) % 0x1000000;
}

function serialBytes(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff];
}

function readSerial(data: Uint8Array): number {
  return (data[0] ?? 0) | ((data[1] ?? 0) << 8) | ((data[2] ?? 0) << 16);
}

function bad(header: number, length: number): Result<never, DecodeError> {
  return err({ kind: 'bad-data', detail: `header ${header} (${hexByte(header)}) with ${length} data bytes` });
}
