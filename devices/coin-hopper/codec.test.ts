import { fromHex, toHex } from '../transport/bytes';
import {
  CcTalkReader,
  checksum,
  countSince,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  faultFlagsOf,
  faultRegisterOf,
  nextEventCounter,
  type CcTalkFrame,
  type HopperReply,
  type HopperRequest,
  type ReaderOutput,
} from './codec';

/** Golden frames from reference/protocols.md §2 (host 1, hopper 3), verbatim. */
const GOLDEN = {
  simplePoll: '03 00 01 FE FE',
  ack: '01 00 03 00 FC',
  enable: '03 01 01 A4 A5 B2',
  dispense2Serial123456: '03 04 01 A7 56 34 12 02 B3',
  dispenseReplyCounter1: '01 01 03 00 01 FA',
  statusRequest: '03 00 01 A6 56',
  statusMidPayout: '01 04 03 00 01 01 01 00 F5',
  statusDone: '01 04 03 00 01 00 02 00 F5',
  nak: '01 00 03 05 F7',
};

function frameOf(hex: string): CcTalkFrame {
  const out = new CcTalkReader().push(fromHex(hex), 0);
  expect(out).toHaveLength(1);
  const [first] = out;
  if (first?.kind !== 'frame') throw new Error(`expected one frame, got ${JSON.stringify(out)}`);
  return first.frame;
}

describe('ccTalk requests: golden frames', () => {
  const cases: [string, HopperRequest, string][] = [
    ['simple poll', { type: 'simple-poll' }, GOLDEN.simplePoll],
    ['enable hopper', { type: 'enable-hopper', enable: true }, GOLDEN.enable],
    ['dispense 2 coins, serial 0x123456', { type: 'dispense', serialNumber: 0x123456, count: 2 }, GOLDEN.dispense2Serial123456],
    ['hopper status request', { type: 'hopper-status' }, GOLDEN.statusRequest],
  ];
  it.each(cases)('%s encodes to the exact bytes', (_name, request, golden) => {
    expect(toHex(encodeRequest(3, request))).toBe(golden);
  });
  it.each(cases)('%s decodes back on the hopper side', (_name, request, golden) => {
    expect(decodeRequest(frameOf(golden))).toEqual({ ok: true, value: request });
  });

  it('sums every frame to zero', () => {
    for (const golden of Object.values(GOLDEN)) expect(checksum(fromHex(golden))).toBe(0);
  });

  it('round-trips every other request', () => {
    const requests: HopperRequest[] = [
      { type: 'equipment-category' },
      { type: 'product-code' },
      { type: 'manufacturer' },
      { type: 'software-revision' },
      { type: 'serial-number' },
      { type: 'comms-revision' },
      { type: 'reset-device' },
      { type: 'enable-hopper', enable: false },
      { type: 'dispense-count' },
      { type: 'test-hopper' },
      { type: 'payout-status' },
      { type: 'emergency-stop' },
      { type: 'request-cipher-key' },
      { type: 'pump-rng', data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
      { type: 'dispense-encrypted', cipher: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), count: 3 },
    ];
    for (const request of requests) {
      expect(decodeRequest(frameOf(toHex(encodeRequest(4, request))))).toEqual({ ok: true, value: request });
    }
  });

  it('refuses unknown headers and wrong lengths as values', () => {
    expect(decodeRequest({ destination: 3, source: 1, header: 99, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'unknown-header' } });
    expect(decodeRequest({ destination: 3, source: 1, header: 167, data: Uint8Array.of(1, 2) })).toMatchObject({ ok: false, error: { kind: 'bad-data' } });
    expect(decodeRequest({ destination: 3, source: 1, header: 254, data: Uint8Array.of(1) })).toMatchObject({ ok: false });
  });
});

describe('ccTalk replies: golden frames', () => {
  const cases: [string, HopperRequest, HopperReply, string][] = [
    ['ACK to a simple poll', { type: 'simple-poll' }, { type: 'ack' }, GOLDEN.ack],
    ['dispense accepted, counter 1', { type: 'dispense', serialNumber: 0x123456, count: 2 }, { type: 'event-counter', eventCounter: 1 }, GOLDEN.dispenseReplyCounter1],
    [
      'status mid-payout',
      { type: 'hopper-status' },
      { type: 'hopper-status', eventCounter: 1, coinsRemaining: 1, lastPaid: 1, lastUnpaid: 0 },
      GOLDEN.statusMidPayout,
    ],
    [
      'status done',
      { type: 'hopper-status' },
      { type: 'hopper-status', eventCounter: 1, coinsRemaining: 0, lastPaid: 2, lastUnpaid: 0 },
      GOLDEN.statusDone,
    ],
    ['NAK', { type: 'dispense', serialNumber: 1, count: 1 }, { type: 'nak' }, GOLDEN.nak],
  ];
  it.each(cases)('%s decodes', (_name, request, reply, golden) => {
    expect(decodeReply(request, frameOf(golden))).toEqual({ ok: true, value: reply });
  });
  it.each(cases)('%s encodes to the exact bytes', (_name, _request, reply, golden) => {
    expect(toHex(encodeReply(3, reply))).toBe(golden);
  });

  it('decodes every reply layout', () => {
    const pairs: [HopperRequest, HopperReply][] = [
      [{ type: 'equipment-category' }, { type: 'text', text: 'Payout' }],
      [{ type: 'serial-number' }, { type: 'serial-number', serialNumber: 0x123456 }],
      [{ type: 'comms-revision' }, { type: 'comms-revision', release: 1, major: 4, minor: 7 }],
      [{ type: 'dispense-count' }, { type: 'dispense-count', count: 0xabcdef }],
      [{ type: 'payout-status' }, { type: 'payout-status', belowLow: true, atOrAboveHigh: false, lowSensorFitted: true, highSensorFitted: true }],
      [{ type: 'emergency-stop' }, { type: 'emergency-stop', coinsNotPaid: 7 }],
      [{ type: 'request-cipher-key' }, { type: 'cipher-key', key: Uint8Array.of(9, 8, 7, 6, 5, 4, 3, 2) }],
      [{ type: 'test-hopper' }, { type: 'test-hopper', flags: faultFlagsOf(0b10), registers: [0b10] }],
      [{ type: 'enable-hopper', enable: true }, { type: 'busy' }],
    ];
    for (const [request, reply] of pairs) {
      expect(decodeReply(request, frameOf(toHex(encodeReply(3, reply))))).toEqual({ ok: true, value: reply });
    }
  });

  it('names every test-hopper fault bit', () => {
    expect(faultFlagsOf(0xff)).toEqual({
      maxCurrentExceeded: true,
      payoutTimeout: true,
      motorReversed: true,
      optoBlockedIdle: true,
      optoShortIdle: true,
      optoBlockedPayout: true,
      powerUpDetected: true,
      payoutDisabled: true,
    });
    for (let bit = 0; bit < 8; bit++) {
      const flags = faultFlagsOf(1 << bit);
      expect(Object.values(flags).filter(Boolean)).toHaveLength(1);
      expect(faultRegisterOf(flags)).toBe(1 << bit);
    }
  });

  it('refuses a reply of the wrong shape as a value', () => {
    const statusShort: CcTalkFrame = { destination: 1, source: 3, header: 0, data: Uint8Array.of(1, 2) };
    expect(decodeReply({ type: 'hopper-status' }, statusShort)).toMatchObject({ ok: false, error: { kind: 'bad-data' } });
    expect(decodeReply({ type: 'simple-poll' }, { destination: 1, source: 3, header: 42, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'unknown-header' } });
    expect(decodeReply({ type: 'test-hopper' }, { destination: 1, source: 3, header: 0, data: new Uint8Array(4) })).toMatchObject({ ok: false });
  });
});

describe('event counter and dispense count arithmetic', () => {
  it('wraps the event counter from 255 to 1, never to 0', () => {
    expect(nextEventCounter(0)).toBe(1);
    expect(nextEventCounter(1)).toBe(2);
    expect(nextEventCounter(254)).toBe(255);
    expect(nextEventCounter(255)).toBe(1);
  });
  it('counts coins across the 24-bit wrap', () => {
    expect(countSince(10, 15)).toBe(5);
    expect(countSince(0xfffffe, 3)).toBe(5);
  });
});

describe('ccTalk reader', () => {
  const frames = (out: ReaderOutput[]) => out.flatMap((o) => (o.kind === 'frame' ? [toHex([o.frame.destination, o.frame.header])] : []));

  it('returns the echo of our own request, then the reply (the driver skips the echo by address)', () => {
    const out = new CcTalkReader().push(fromHex(`${GOLDEN.statusRequest} ${GOLDEN.statusDone}`), 0);
    expect(frames(out)).toEqual(['03 A6', '01 00']);
  });

  it('reassembles a reply split across chunks within the inter-byte time', () => {
    const reader = new CcTalkReader();
    const bytes = fromHex(GOLDEN.statusMidPayout);
    expect(reader.push(bytes.subarray(0, 3), 0)).toEqual([]);
    expect(frames(reader.push(bytes.subarray(3), 40))).toEqual(['01 00']);
  });

  it('drops a partial frame after the 50 ms inter-byte time-out', () => {
    const reader = new CcTalkReader();
    reader.push(fromHex('01 04 03'), 0);
    const out = reader.push(fromHex(GOLDEN.ack), 100);
    expect(out[0]).toEqual({ kind: 'discarded', count: 3, reason: 'inter-byte-timeout' });
    expect(frames(out)).toEqual(['01 00']);
  });

  it('drops a corrupted reply and reads the next one after the inter-byte gap', () => {
    const reader = new CcTalkReader();
    const corrupted = fromHex(GOLDEN.statusDone);
    corrupted[5] = 0x09;
    const first = reader.push(corrupted, 0);
    expect(frames(first)).toEqual([]);
    expect(first.some((o) => o.kind === 'discarded' && o.reason === 'bad-checksum')).toBe(true);
    expect(frames(reader.push(fromHex(GOLDEN.ack), 200))).toEqual(['01 00']);
  });

  it('finds a good frame behind a stray byte', () => {
    const out = new CcTalkReader().push(fromHex(`FF ${GOLDEN.ack}`), 0);
    expect(frames(out)).toEqual(['01 00']);
  });
});
