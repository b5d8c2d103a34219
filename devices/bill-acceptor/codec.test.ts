import { fromHex, toHex } from '../transport/bytes';
import {
  crc16Kermit,
  decodeAcceptorMessage,
  decodeHostCommand,
  encodeAcceptorMessage,
  encodeFrame,
  encodeHostCommand,
  FAILURE_CODES,
  failureKindOf,
  FrameReader,
  REJECT_CODES,
  STATUS_CODES,
  type AcceptorMessage,
  type AcceptorStatus,
  type Frame,
  type FrameReaderOutput,
  type HostCommand,
  type RejectReason,
} from './codec';

/** Golden frames from reference/protocols.md §1, verbatim. */
const GOLDEN = {
  statusRequest: 'FC 05 11 27 56',
  ack: 'FC 05 50 AA 05',
  reset: 'FC 05 40 2B 15',
  stack1: 'FC 05 41 A2 04',
  return: 'FC 05 43 B0 27',
  enableAcceptance: 'FC 06 C3 00 04 D6',
  currencyAssignmentRequest: 'FC 05 8A 7D 7C',
  idling: 'FC 05 11 27 56',
  escrow63: 'FC 06 13 63 A2 D8',
  vendValid63: 'FC 06 15 63 72 8C',
  stacked: 'FC 05 16 98 22',
};

function onlyFrame(bytes: Uint8Array): Frame {
  const out = new FrameReader().push(bytes);
  expect(out).toHaveLength(1);
  const [first] = out;
  if (first?.kind !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(first)}`);
  return first.frame;
}

function decodeReply(hex: string): AcceptorMessage {
  const decoded = decodeAcceptorMessage(onlyFrame(fromHex(hex)));
  if (!decoded.ok) throw new Error(decoded.error.detail);
  return decoded.value;
}

describe('CRC-16/KERMIT', () => {
  it('has the published check value 0x2189 for "123456789"', () => {
    expect(crc16Kermit(Array.from('123456789', (c) => c.charCodeAt(0)))).toBe(0x2189);
  });

  it('is sent low byte first', () => {
    const frame = encodeFrame(0x11);
    expect(frame[3]).toBe(0x27);
    expect(frame[4]).toBe(0x56);
    expect(crc16Kermit(frame, 0, 3)).toBe(0x5627);
  });
});

describe('host commands: golden frames', () => {
  const cases: [string, HostCommand, string][] = [
    ['status request', { type: 'status-request' }, GOLDEN.statusRequest],
    ['ACK after VEND VALID', { type: 'ack' }, GOLDEN.ack],
    ['RESET', { type: 'reset' }, GOLDEN.reset],
    ['STACK-1', { type: 'stack-1' }, GOLDEN.stack1],
    ['RETURN', { type: 'return' }, GOLDEN.return],
    ['enable acceptance C3 00', { type: 'set-inhibit', inhibit: false }, GOLDEN.enableAcceptance],
    ['currency assignment request 8A', { type: 'get-currency-assignment' }, GOLDEN.currencyAssignmentRequest],
  ];
  it.each(cases)('%s encodes to the exact bytes', (_name, command, golden) => {
    expect(toHex(encodeHostCommand(command))).toBe(golden);
  });
  it.each(cases)('%s decodes back on the acceptor side', (_name, command, golden) => {
    const decoded = decodeHostCommand(onlyFrame(fromHex(golden)));
    expect(decoded).toEqual({ ok: true, value: command });
  });

  it('puts the denomination inhibit mask low byte first (bit0 ↔ escrow code 0x61)', () => {
    const bytes = encodeHostCommand({ type: 'set-denominations', inhibited: 0xfffe });
    expect(toHex(bytes.subarray(0, 5))).toBe('FC 07 C0 FE FF');
    expect(decodeHostCommand(onlyFrame(bytes))).toEqual({ ok: true, value: { type: 'set-denominations', inhibited: 0xfffe } });
  });

  it('round-trips every other command', () => {
    const commands: HostCommand[] = [
      { type: 'stack-2' },
      { type: 'hold' },
      { type: 'wait' },
      { type: 'set-security', mask: 0x0102 },
      { type: 'set-communication-mode', mode: 0 },
      { type: 'set-inhibit', inhibit: true },
      { type: 'set-direction', mask: 0 },
      { type: 'set-optional-functions', mask: 0 },
      { type: 'get-setting', setting: 'denominations' },
      { type: 'get-setting', setting: 'inhibit' },
      { type: 'get-setting', setting: 'optional-functions' },
      { type: 'get-version' },
      { type: 'get-boot-version' },
    ];
    for (const command of commands) {
      expect(decodeHostCommand(onlyFrame(encodeHostCommand(command)))).toEqual({ ok: true, value: command });
    }
  });

  it('refuses unknown commands and wrong data lengths as values', () => {
    expect(decodeHostCommand({ command: 0x99, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'unknown-command' } });
    expect(decodeHostCommand({ command: 0xc3, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'bad-data' } });
    expect(decodeHostCommand({ command: 0x41, data: Uint8Array.of(1) })).toMatchObject({ ok: false, error: { kind: 'bad-data' } });
  });
});

describe('acceptor replies: golden frames', () => {
  it('decodes idling', () => {
    expect(decodeReply(GOLDEN.idling)).toEqual({ type: 'status', status: { kind: 'idling' } });
  });
  it('decodes escrow with code 0x63', () => {
    expect(decodeReply(GOLDEN.escrow63)).toEqual({ type: 'status', status: { kind: 'escrow', escrowCode: 0x63 } });
  });
  it('decodes vend valid with code 0x63', () => {
    expect(decodeReply(GOLDEN.vendValid63)).toEqual({ type: 'status', status: { kind: 'vend-valid', escrowCode: 0x63 } });
  });
  it('decodes stacked', () => {
    expect(decodeReply(GOLDEN.stacked)).toEqual({ type: 'status', status: { kind: 'stacked' } });
  });
  it('decodes the ACK', () => {
    expect(decodeReply(GOLDEN.ack)).toEqual({ type: 'ack' });
  });
  it('encodes the same golden replies', () => {
    expect(toHex(encodeAcceptorMessage({ type: 'status', status: { kind: 'idling' } }))).toBe(GOLDEN.idling);
    expect(toHex(encodeAcceptorMessage({ type: 'status', status: { kind: 'escrow', escrowCode: 0x63 } }))).toBe(GOLDEN.escrow63);
    expect(toHex(encodeAcceptorMessage({ type: 'status', status: { kind: 'vend-valid', escrowCode: 0x63 } }))).toBe(GOLDEN.vendValid63);
    expect(toHex(encodeAcceptorMessage({ type: 'status', status: { kind: 'stacked' } }))).toBe(GOLDEN.stacked);
    expect(toHex(encodeAcceptorMessage({ type: 'ack' }))).toBe(GOLDEN.ack);
  });
});

describe('every status, reject and failure code', () => {
  const expected: [number, AcceptorStatus['kind']][] = [
    [0x11, 'idling'],
    [0x12, 'accepting'],
    [0x14, 'stacking'],
    [0x16, 'stacked'],
    [0x18, 'returning'],
    [0x19, 'holding'],
    [0x1a, 'disabled'],
    [0x1b, 'initializing'],
    [0x40, 'power-up'],
    [0x41, 'power-up-bill-in-acceptor'],
    [0x42, 'power-up-bill-in-stacker'],
    [0x43, 'stacker-full'],
    [0x44, 'stacker-open'],
    [0x45, 'jam-in-acceptor'],
    [0x46, 'jam-in-stacker'],
    [0x47, 'pause'],
    [0x48, 'cheated'],
    [0x4a, 'communication-error'],
    [0x4b, 'invalid-command'],
  ];
  it.each(expected.map(([code, kind]) => [code.toString(16).toUpperCase(), kind, code] as const))('status 0x%s decodes to %s and encodes back', (_hex, kind, code) => {
    const frame = encodeFrame(code);
    expect(decodeAcceptorMessage(onlyFrame(frame))).toEqual({ ok: true, value: { type: 'status', status: { kind } } });
    expect(encodeAcceptorMessage({ type: 'status', status: { kind } as AcceptorStatus })).toEqual(frame);
  });

  it('covers every status code in the table', () => {
    const covered = new Set([...expected.map(([code]) => code), 0x13, 0x15, 0x17, 0x49]);
    expect([...covered].sort()).toEqual(Object.values(STATUS_CODES).sort());
  });

  it('decodes escrow and vend valid for every escrow code 0x61–0x68', () => {
    for (let code = 0x61; code <= 0x68; code++) {
      expect(decodeAcceptorMessage({ command: 0x13, data: Uint8Array.of(code) })).toEqual({
        ok: true,
        value: { type: 'status', status: { kind: 'escrow', escrowCode: code } },
      });
      expect(decodeAcceptorMessage({ command: 0x15, data: Uint8Array.of(code) })).toEqual({
        ok: true,
        value: { type: 'status', status: { kind: 'vend-valid', escrowCode: code } },
      });
    }
  });

  const rejects: [number, RejectReason][] = [
    [0x71, 'insertion'],
    [0x72, 'magnetic'],
    [0x73, 'remained-in-head'],
    [0x74, 'compensation'],
    [0x75, 'conveying'],
    [0x76, 'denomination'],
    [0x77, 'photo-pattern'],
    [0x78, 'photo-level'],
    [0x79, 'inhibited'],
    [0x7b, 'operation'],
    [0x7c, 'remained-in-stacker'],
    [0x7d, 'length'],
    [0x7e, 'colour-pattern'],
  ];
  it.each(rejects.map(([code, reason]) => [code.toString(16).toUpperCase(), reason, code] as const))('reject code 0x%s is %s', (_hex, reason, code) => {
    const frame = encodeFrame(0x17, [code]);
    expect(decodeAcceptorMessage(onlyFrame(frame))).toEqual({
      ok: true,
      value: { type: 'status', status: { kind: 'rejecting', reason, code } },
    });
    expect(REJECT_CODES[reason as Exclude<RejectReason, 'unknown'>]).toBe(code);
  });
  it('keeps an unknown reject code as unknown with its raw value', () => {
    expect(decodeAcceptorMessage({ command: 0x17, data: Uint8Array.of(0x7a) })).toEqual({
      ok: true,
      value: { type: 'status', status: { kind: 'rejecting', reason: 'unknown', code: 0x7a } },
    });
  });

  const failures: [number, string][] = [
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
  ];
  it.each(failures.map(([code, failure]) => [code.toString(16).toUpperCase(), failure, code] as const))('failure code 0x%s is %s', (_hex, failure, code) => {
    expect(decodeAcceptorMessage(onlyFrame(encodeFrame(0x49, [code])))).toEqual({
      ok: true,
      value: { type: 'status', status: { kind: 'failure', failure, code } },
    });
  });
  it('names every failure code in the table and keeps unknown ones', () => {
    expect(FAILURE_CODES.map(failureKindOf)).not.toContain('unknown');
    expect(failureKindOf(0xa0)).toBe('unknown');
  });

  it('refuses statuses with the wrong data length as values', () => {
    expect(decodeAcceptorMessage({ command: 0x13, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'bad-data' } });
    expect(decodeAcceptorMessage({ command: 0x15, data: Uint8Array.of(0x61, 0x62) })).toMatchObject({ ok: false });
    expect(decodeAcceptorMessage({ command: 0x11, data: Uint8Array.of(0) })).toMatchObject({ ok: false });
    expect(decodeAcceptorMessage({ command: 0x50, data: Uint8Array.of(0) })).toMatchObject({ ok: false });
    expect(decodeAcceptorMessage({ command: 0x99, data: new Uint8Array() })).toMatchObject({ ok: false, error: { kind: 'unknown-command' } });
  });
});

describe('currency assignment, version and settings', () => {
  it('takes each slot value from base × 10^exponent, never from the escrow code', () => {
    const reply = encodeFrame(0x8a, [0x61, 0x4b, 1, 3, 0x62, 0x4b, 5, 3, 0x63, 0x4b, 1, 4, 0x64, 0x4b, 5, 4, 0x65, 0, 0, 0]);
    const decoded = decodeAcceptorMessage(onlyFrame(reply));
    expect(decoded.ok && decoded.value.type === 'currency-assignment' && decoded.value.slots.map((s) => [s.escrowCode, s.value])).toEqual([
      [0x61, 1000],
      [0x62, 5000],
      [0x63, 10000],
      [0x64, 50000],
      [0x65, 0],
    ]);
  });
  it('refuses a currency assignment that is not 4 bytes per slot', () => {
    expect(decodeAcceptorMessage({ command: 0x8a, data: Uint8Array.of(0x61, 0x4b, 1) })).toMatchObject({ ok: false });
  });
  it('round-trips the version, setting echoes and gets', () => {
    const messages: AcceptorMessage[] = [
      { type: 'version', text: 'SIM(KRW)-ID003' },
      { type: 'boot-version', text: 'BOOT 1.0' },
      { type: 'setting-echo', command: 0xc0, data: Uint8Array.of(0xfe, 0xff) },
      { type: 'setting', command: 0x83, data: Uint8Array.of(1) },
    ];
    for (const message of messages) {
      expect(decodeAcceptorMessage(onlyFrame(encodeAcceptorMessage(message)))).toEqual({ ok: true, value: message });
    }
  });
});

describe('frame reader', () => {
  const frames = (out: FrameReaderOutput[]) => out.filter((o) => o.kind === 'frame').map((o) => (o.kind === 'frame' ? o.frame.command : -1));

  it('reassembles a frame split across chunks', () => {
    const reader = new FrameReader();
    const bytes = fromHex(GOLDEN.escrow63);
    expect(reader.push(bytes.subarray(0, 2))).toEqual([]);
    expect(reader.push(bytes.subarray(2, 4))).toEqual([]);
    expect(frames(reader.push(bytes.subarray(4)))).toEqual([0x13]);
  });

  it('skips noise before the sync byte and finds back-to-back frames', () => {
    const reader = new FrameReader();
    const out = reader.push(fromHex(`00 13 ${GOLDEN.stacked} ${GOLDEN.idling}`));
    expect(out[0]).toEqual({ kind: 'discarded', count: 2, reason: 'no-sync' });
    expect(frames(out)).toEqual([0x16, 0x11]);
  });

  it('drops a frame whose CRC is wrong and still finds the next good one', () => {
    const reader = new FrameReader();
    const corrupted = fromHex(GOLDEN.vendValid63);
    corrupted[3] = 0x64;
    const out = reader.push(Uint8Array.from([...corrupted, ...fromHex(GOLDEN.stacked)]));
    expect(out.some((o) => o.kind === 'discarded' && o.reason === 'bad-crc')).toBe(true);
    expect(frames(out)).toEqual([0x16]);
  });

  it('drops a sync byte followed by an impossible length', () => {
    const reader = new FrameReader();
    const out = reader.push(fromHex(`FC 02 ${GOLDEN.idling}`));
    expect(out[0]).toEqual({ kind: 'discarded', count: 1, reason: 'bad-length' });
    expect(frames(out)).toEqual([0x11]);
  });

  it('forgets a partial frame on reset', () => {
    const reader = new FrameReader();
    reader.push(fromHex('FC 06 13'));
    expect(reader.pending).toBe(3);
    reader.reset();
    expect(frames(reader.push(fromHex(GOLDEN.stacked)))).toEqual([0x16]);
  });
});
