import { PrinterReplyReader } from './replies';
import { canPrint, decodeAsb, decodeRealTimeStatus, encodeAsb, encodeRealTimeStatus, faultOf, HEALTHY_STATUS } from './status';

const rt = (printer: number, offlineCause: number, errorCause: number, paperSensor: number) =>
  decodeRealTimeStatus({ printer, offlineCause, errorCause, paperSensor });

describe('real-time status (DLE EOT 1–4)', () => {
  it('reads a healthy printer as 12 12 12 12', () => {
    expect(rt(0x12, 0x12, 0x12, 0x12)).toEqual(HEALTHY_STATUS);
  });

  it('reads paper near end (1E) as still printable', () => {
    const status = rt(0x12, 0x12, 0x12, 0x1e);
    expect(status.paper).toBe('near-end');
    expect(canPrint(status)).toBe(true);
  });

  it('reads paper end (72) and the printer offline', () => {
    const status = rt(0x1a, 0x32, 0x12, 0x72);
    expect(status).toMatchObject({ paper: 'out', online: false });
    expect(faultOf(status)).toBe('paper-out');
  });

  it('reads cover open from the offline cause (bit 2)', () => {
    expect(faultOf(rt(0x1a, 0x16, 0x12, 0x12))).toBe('cover-open');
  });

  it('reads cutter, unrecoverable and auto-recoverable errors (n = 3)', () => {
    expect(rt(0x1a, 0x52, 0x1a, 0x12).cutterError).toBe(true);
    expect(rt(0x1a, 0x52, 0x32, 0x12).unrecoverableError).toBe(true);
    expect(rt(0x1a, 0x52, 0x52, 0x12).autoRecoverableError).toBe(true);
  });

  it('encodes what it decodes, every reply with the fixed bits', () => {
    const status = { ...HEALTHY_STATUS, online: false, coverOpen: true, paper: 'near-end' as const, cutterError: true };
    const bytes = encodeRealTimeStatus(status);
    for (const byte of Object.values(bytes)) expect(byte & 0x93).toBe(0x12);
    expect(decodeRealTimeStatus(bytes)).toEqual(status);
  });
});

describe('automatic status back', () => {
  it('decodes the four bytes', () => {
    expect(decodeAsb(Uint8Array.of(0x10, 0x00, 0x00, 0x00))).toEqual(HEALTHY_STATUS);
    expect(decodeAsb(Uint8Array.of(0x38, 0x00, 0x00, 0x00))).toMatchObject({ online: false, coverOpen: true });
    expect(decodeAsb(Uint8Array.of(0x18, 0x08, 0x00, 0x00))).toMatchObject({ cutterError: true });
    expect(decodeAsb(Uint8Array.of(0x10, 0x00, 0x03, 0x00))).toMatchObject({ paper: 'near-end' });
    expect(decodeAsb(Uint8Array.of(0x18, 0x00, 0x0c, 0x00))).toMatchObject({ paper: 'out', online: false });
  });

  it('round-trips and keeps the first-byte pattern', () => {
    const status = { ...HEALTHY_STATUS, online: false, paper: 'out' as const, unrecoverableError: true };
    const block = encodeAsb(status);
    expect((block[0] ?? 0) & 0x93).toBe(0x10);
    expect(decodeAsb(block)).toEqual(status);
  });
});

describe('reply stream', () => {
  it('separates interleaved real-time bytes, ASB blocks and process-id responses, across chunks', () => {
    const reader = new PrinterReplyReader();
    const first = reader.push(Uint8Array.of(0x12, 0x18, 0x00));
    const second = reader.push(Uint8Array.of(0x0c, 0x00, 0x37, 0x22, 0x52, 0x30));
    const third = reader.push(Uint8Array.of(0x30, 0x31, 0x00, 0x1e));
    expect(first).toEqual([{ kind: 'real-time', byte: 0x12 }]);
    expect(second).toEqual([{ kind: 'asb', bytes: Uint8Array.of(0x18, 0x00, 0x0c, 0x00), status: expect.objectContaining({ paper: 'out' }) }]);
    expect(third).toEqual([
      { kind: 'process-id', id: 'R001' },
      { kind: 'real-time', byte: 0x1e },
    ]);
  });

  it('reports bytes that match nothing instead of mistaking them', () => {
    expect(new PrinterReplyReader().push(Uint8Array.of(0xff))).toEqual([{ kind: 'unexpected', byte: 0xff }]);
  });
});
