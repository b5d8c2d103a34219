import {
  CONFIRMATION_CODES,
  confirmationName,
  decodeAck,
  decodeCommand,
  encodeAck,
  encodeCommand,
  encodeDataPackets,
  encodePacket,
  encodeSystemParameters,
  fromHex,
  hex,
  INSTRUCTIONS,
  PacketParser,
  readSearchResult,
  readSystemParameters,
  type Command,
  type InstructionName,
  type Packet,
} from './codec';

// Golden frames from reference/protocols.md §5, verbatim.
const GOLDEN = {
  genImg: 'EF 01 FF FF FF FF 01 00 03 01 00 05',
  vfyPwd0: 'EF 01 FF FF FF FF 01 00 07 13 00 00 00 00 00 1B',
  img2Tz1: 'EF 01 FF FF FF FF 01 00 04 02 01 00 08',
  upChar1: 'EF 01 FF FF FF FF 01 00 04 08 01 00 0E',
  search1_0_1000: 'EF 01 FF FF FF FF 01 00 08 04 01 00 00 03 E8 00 F9',
  ackFoundId5Score100: 'EF 01 FF FF FF FF 07 00 07 00 00 05 00 64 00 77',
};

function packets(parser: PacketParser, bytes: Uint8Array): Packet[] {
  return parser.push(bytes).flatMap((item) => (item.type === 'packet' ? [item.packet] : []));
}

describe('R30x codec: golden frames', () => {
  it('encodes the commands byte for byte', () => {
    expect(hex(encodeCommand({ instruction: 'GenImg' }))).toBe(GOLDEN.genImg);
    expect(hex(encodeCommand({ instruction: 'VfyPwd', password: 0 }))).toBe(GOLDEN.vfyPwd0);
    expect(hex(encodeCommand({ instruction: 'Img2Tz', buffer: 1 }))).toBe(GOLDEN.img2Tz1);
    expect(hex(encodeCommand({ instruction: 'UpChar', buffer: 1 }))).toBe(GOLDEN.upChar1);
    expect(hex(encodeCommand({ instruction: 'Search', buffer: 1, start: 0, count: 1000 }))).toBe(GOLDEN.search1_0_1000);
  });

  it('encodes and decodes the acknowledge "found id 5, score 100"', () => {
    expect(hex(encodeAck(0x00, Uint8Array.from([0x00, 0x05, 0x00, 0x64])))).toBe(GOLDEN.ackFoundId5Score100);
    const [packet] = packets(new PacketParser(), fromHex(GOLDEN.ackFoundId5Score100));
    expect(packet?.kind).toBe('ack');
    expect(packet?.address).toBe(0xffffffff);
    const ack = decodeAck(packet!);
    expect(ack.ok && ack.value.code).toBe(0);
    expect(ack.ok && readSearchResult(ack.value.data)).toEqual({ ok: true, value: { page: 5, score: 100 } });
  });

  it('decodes the golden commands back into typed commands (the simulator’s side)', () => {
    const parser = new PacketParser();
    const all = Object.values(GOLDEN).slice(0, 5).map((frame) => fromHex(frame));
    const joined = new Uint8Array(all.reduce((n, frame) => n + frame.length, 0));
    let at = 0;
    for (const frame of all) {
      joined.set(frame, at);
      at += frame.length;
    }
    const decoded = packets(parser, joined).map((packet) => decodeCommand(packet));
    expect(decoded).toEqual([
      { ok: true, value: { instruction: 'GenImg' } },
      { ok: true, value: { instruction: 'VfyPwd', password: 0 } },
      { ok: true, value: { instruction: 'Img2Tz', buffer: 1 } },
      { ok: true, value: { instruction: 'UpChar', buffer: 1 } },
      { ok: true, value: { instruction: 'Search', buffer: 1, start: 0, count: 1000 } },
    ]);
  });
});

describe('R30x codec: every instruction and confirmation code', () => {
  const samples: Record<InstructionName, Command> = {
    GenImg: { instruction: 'GenImg' },
    Img2Tz: { instruction: 'Img2Tz', buffer: 2 },
    Match: { instruction: 'Match' },
    Search: { instruction: 'Search', buffer: 2, start: 10, count: 300 },
    RegModel: { instruction: 'RegModel' },
    Store: { instruction: 'Store', buffer: 1, page: 42 },
    LoadChar: { instruction: 'LoadChar', buffer: 2, page: 7 },
    UpChar: { instruction: 'UpChar', buffer: 2 },
    DownChar: { instruction: 'DownChar', buffer: 1 },
    UpImage: { instruction: 'UpImage' },
    DownImage: { instruction: 'DownImage' },
    DeletChar: { instruction: 'DeletChar', page: 3, count: 2 },
    Empty: { instruction: 'Empty' },
    WriteReg: { instruction: 'WriteReg', register: 6, value: 2 },
    ReadSysPara: { instruction: 'ReadSysPara' },
    SetPwd: { instruction: 'SetPwd', password: 0x12345678 },
    VfyPwd: { instruction: 'VfyPwd', password: 0xdeadbeef },
    GetRandomCode: { instruction: 'GetRandomCode' },
    SetAdder: { instruction: 'SetAdder', address: 0xfffffffe },
    Control: { instruction: 'Control', on: 1 },
    WriteNotepad: { instruction: 'WriteNotepad', page: 3, content: Uint8Array.from({ length: 32 }, (_, i) => i) },
    ReadNotepad: { instruction: 'ReadNotepad', page: 15 },
    HiSpeedSearch: { instruction: 'HiSpeedSearch', buffer: 1, start: 0, count: 200 },
    TemplateNum: { instruction: 'TemplateNum' },
    ReadIndexTable: { instruction: 'ReadIndexTable', page: 0 },
    AuraLedConfig: { instruction: 'AuraLedConfig', control: 1, speed: 0x80, colour: 2, cycles: 0 },
    CheckSensor: { instruction: 'CheckSensor' },
    SoftReset: { instruction: 'SoftReset' },
    HandShake: { instruction: 'HandShake' },
  };

  it.each(Object.keys(INSTRUCTIONS) as InstructionName[])('%s round-trips through bytes with its code first', (name) => {
    const bytes = encodeCommand(samples[name], 0x01020304);
    expect(bytes[9]).toBe(INSTRUCTIONS[name].code);
    expect(Array.from(bytes.subarray(2, 6))).toEqual([1, 2, 3, 4]);
    const [packet] = packets(new PacketParser(), bytes);
    expect(decodeCommand(packet!)).toEqual({ ok: true, value: samples[name] });
  });

  it('knows the HandShake and ReadSysPara codes from the manual', () => {
    expect(hex(encodeCommand({ instruction: 'HandShake' }))).toBe('EF 01 FF FF FF FF 01 00 03 40 00 44');
    expect(hex(encodeCommand({ instruction: 'TemplateNum' }))).toBe('EF 01 FF FF FF FF 01 00 03 1D 00 21');
  });

  it('names every confirmation code of the reference and keeps unknown ones as numbers', () => {
    const reference: Record<number, string> = {
      0x00: 'ok', 0x01: 'packet-error', 0x02: 'no-finger', 0x03: 'image-failed', 0x06: 'image-messy',
      0x07: 'too-few-features', 0x08: 'no-match', 0x09: 'not-found', 0x0a: 'merge-failed', 0x0b: 'bad-page',
      0x13: 'wrong-password', 0x18: 'flash-error',
    };
    for (const [code, name] of Object.entries(reference)) expect(confirmationName(Number(code))).toBe(name);
    expect(confirmationName(0x99)).toBe('unknown-0x99');
    const names = Object.values(CONFIRMATION_CODES).map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects parameters that do not fit their field', () => {
    expect(() => encodeCommand({ instruction: 'Img2Tz', buffer: 256 })).toThrow(/8-bit/);
    expect(() => encodeCommand({ instruction: 'Search', buffer: 1, start: -1, count: 1 })).toThrow(/16-bit/);
    const short = encodePacket({ kind: 'command', address: 0xffffffff, payload: Uint8Array.from([0x04, 0x01]) });
    const [packet] = packets(new PacketParser(), short);
    expect(decodeCommand(packet!)).toEqual({ ok: false, error: { reason: 'bad-parameters', code: 0x04 } });
    const unknown = encodePacket({ kind: 'command', address: 0xffffffff, payload: Uint8Array.from([0x77]) });
    expect(decodeCommand(packets(new PacketParser(), unknown)[0]!)).toEqual({
      ok: false,
      error: { reason: 'unknown-instruction', code: 0x77 },
    });
  });

  it('reads and writes the 16 bytes of system parameters', () => {
    const parameters = {
      statusRegister: 0,
      systemId: 0x0009,
      librarySize: 1000,
      securityLevel: 3,
      address: 0xffffffff,
      dataPacketSize: 128,
      baudRate: 57600,
    } as const;
    const bytes = encodeSystemParameters(parameters);
    expect(hex(bytes)).toBe('00 00 00 09 03 E8 00 03 FF FF FF FF 00 02 00 06');
    expect(readSystemParameters(bytes)).toEqual({ ok: true, value: parameters });
    expect(readSystemParameters(bytes.subarray(0, 10)).ok).toBe(false);
  });
});

describe('R30x packet parser: byte streams', () => {
  it('reassembles a packet split into single bytes and finds it behind noise', () => {
    const parser = new PacketParser();
    const frame = fromHex(GOLDEN.ackFoundId5Score100);
    const found: Packet[] = [];
    for (const byte of [0x00, 0x55, 0xef, ...frame]) found.push(...packets(parser, Uint8Array.of(byte)));
    expect(found).toHaveLength(1);
    expect(hex(found[0]!.payload)).toBe('00 00 05 00 64');
    expect(parser.pending).toBe(0);
  });

  it('carries a template across several data packets ending with an end-of-data packet', () => {
    const template = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const frames = encodeDataPackets(template, 128);
    expect(frames.map((frame) => frame[6])).toEqual([0x02, 0x02, 0x02, 0x08]);
    expect(frames.every((frame) => frame.length === 9 + 128 + 2)).toBe(true);
    const parser = new PacketParser();
    const stream = Uint8Array.from(frames.flatMap((frame) => Array.from(frame)));
    // Deliver in 64-byte pieces, as HID reports would.
    const got: Packet[] = [];
    for (let at = 0; at < stream.length; at += 63) got.push(...packets(parser, stream.subarray(at, at + 63)));
    expect(got.map((packet) => packet.kind)).toEqual(['data', 'data', 'data', 'end-of-data']);
    const joined = Uint8Array.from(got.flatMap((packet) => Array.from(packet.payload)));
    expect(joined).toEqual(template);
    // An uneven last packet.
    expect(encodeDataPackets(template.subarray(0, 300), 128).map((frame) => frame.length - 11)).toEqual([128, 128, 44]);
  });

  it('rejects a bad checksum without losing the next good packet', () => {
    const bad = fromHex(GOLDEN.ackFoundId5Score100);
    bad[bad.length - 1] = 0x78;
    const good = fromHex(GOLDEN.genImg);
    const items = new PacketParser().push(Uint8Array.from([...bad, ...good]));
    expect(items.filter((item) => item.type === 'corrupt').map((item) => item.type === 'corrupt' && item.frame.reason)).toEqual([
      'bad-checksum',
    ]);
    const good_ = items.filter((item) => item.type === 'packet');
    expect(good_).toHaveLength(1);
    expect(good_[0]?.type === 'packet' && hex(encodePacket(good_[0].packet))).toBe(GOLDEN.genImg);
  });

  it('reports a bad packet id and an impossible length, and resynchronises', () => {
    const parser = new PacketParser();
    const badPid = fromHex('EF 01 FF FF FF FF 05 00 03 01 00 09');
    const badLength = fromHex('EF 01 FF FF FF FF 07 FF FF 00');
    const items = parser.push(Uint8Array.from([...badPid, ...badLength, ...fromHex(GOLDEN.upChar1)]));
    const reasons = items.flatMap((item) => (item.type === 'corrupt' ? [item.frame.reason] : []));
    expect(reasons).toEqual(['bad-packet-id', 'bad-length']);
    expect(items.filter((item) => item.type === 'packet')).toHaveLength(1);
  });

  it('holds a truncated packet until reset, then parses what follows', () => {
    const parser = new PacketParser();
    const frame = fromHex(GOLDEN.vfyPwd0);
    expect(parser.push(frame.subarray(0, 11))).toEqual([]);
    expect(parser.pending).toBe(11);
    parser.reset();
    expect(parser.pending).toBe(0);
    expect(packets(parser, fromHex(GOLDEN.genImg))).toHaveLength(1);
    // Without a reset, a truncated frame followed by a whole one still yields the whole one.
    const tolerant = new PacketParser();
    const items = tolerant.push(Uint8Array.from([...frame.subarray(0, 12), ...fromHex(GOLDEN.img2Tz1)]));
    expect(items.filter((item) => item.type === 'packet')).toHaveLength(1);
  });

  it('survives random noise without throwing', () => {
    const parser = new PacketParser();
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    for (let round = 0; round < 200; round++) {
      const noise = Uint8Array.from({ length: 50 }, () => (random() < 20 ? 0xef : random() < 20 ? 0x01 : random()));
      expect(() => parser.push(noise)).not.toThrow();
    }
    parser.reset();
    expect(packets(parser, fromHex(GOLDEN.genImg))).toHaveLength(1);
  });
});
