import iconv from 'iconv-lite';
import {
  align,
  automaticStatusBack,
  characterSize,
  clearBuffers,
  code128,
  cut,
  feedAndCut,
  initialise,
  kanjiPrintMode,
  koreanMode,
  printMode,
  processIdRequest,
  qrCode,
  qrErrorCorrection,
  qrModel2,
  qrModuleSize,
  qrPrint,
  qrStore,
  rasterImage,
  realTimeStatusRequest,
} from './commands';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(' ') ?? '';
const ascii = (text: string) => new TextEncoder().encode(text);

/** Golden bytes from reference/protocols.md §3 (Epson ESC/POS). */
describe('ESC/POS commands', () => {
  it('initialises', () => expect(hex(initialise())).toBe('1B 40'));

  it('enters Korean double-byte mode (code table, FS &, ESC R 13)', () => {
    expect(hex(koreanMode())).toBe('1B 74 00 1C 26 1B 52 0D');
  });

  it('encodes Korean text in CP949, and the full-width won sign as A3 DC', () => {
    expect(hex(iconv.encode('가', 'cp949'))).toBe('B0 A1');
    expect(hex(iconv.encode('￦1,000', 'cp949'))).toBe('A3 DC 31 2C 30 30 30');
    // Why ₩ is never sent: CP949 has no code for it and encoders print '?'.
    expect(hex(iconv.encode('₩', 'cp949'))).toBe('3F');
  });

  it('sets print modes and sizes', () => {
    expect(hex(printMode({ bold: true, doubleHeight: true }))).toBe('1B 21 18');
    expect(hex(printMode({ doubleWidth: true, underline: true }))).toBe('1B 21 A0');
    expect(hex(kanjiPrintMode({ doubleWidth: true, doubleHeight: true }))).toBe('1C 21 0C');
    expect(hex(characterSize(2, 2))).toBe('1D 21 11');
    expect(hex(align('center'))).toBe('1B 61 01');
  });

  it('builds a QR code: model 2, module size, error correction, store, print', () => {
    expect(hex(qrModel2())).toBe('1D 28 6B 04 00 31 41 32 00');
    expect(hex(qrModuleSize(6))).toBe('1D 28 6B 03 00 31 43 06');
    expect(hex(qrErrorCorrection('M'))).toBe('1D 28 6B 03 00 31 45 31');
    expect(hex(qrStore(ascii('AB')))).toBe('1D 28 6B 05 00 31 50 30 41 42');
    expect(hex(qrPrint())).toBe('1D 28 6B 03 00 31 51 30');
    expect(hex(qrCode(ascii('AB'), 6, 'M'))).toBe(
      '1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 05 00 31 50 30 41 42 1D 28 6B 03 00 31 51 30',
    );
  });

  it('counts a long QR payload in pL pH', () => {
    const data = new Uint8Array(300).fill(0x41);
    expect(hex(qrStore(data).slice(0, 8))).toBe('1D 28 6B 2F 01 31 50 30');
  });

  it('builds CODE128 in code set B', () => {
    expect(hex(code128(ascii('T1')))).toBe('1D 68 40 1D 77 02 1D 48 02 1D 6B 49 04 7B 42 54 31');
  });

  it('cuts', () => {
    expect(hex(cut('full'))).toBe('1D 56 00');
    expect(hex(cut('partial'))).toBe('1D 56 01');
    expect(hex(feedAndCut('full', 96))).toBe('1D 56 41 60');
    expect(hex(feedAndCut('partial', 96))).toBe('1D 56 42 60');
  });

  it('asks for status', () => {
    expect([1, 2, 3, 4].map((n) => hex(realTimeStatusRequest(n as 1 | 2 | 3 | 4)))).toEqual(['10 04 01', '10 04 02', '10 04 03', '10 04 04']);
    expect(hex(automaticStatusBack(0xff))).toBe('1D 61 FF');
    expect(hex(processIdRequest('R001'))).toBe('1D 28 48 06 00 30 30 52 30 30 31');
    expect(hex(clearBuffers())).toBe('10 14 08 01 03 14 01 06 02 08');
  });

  it('wraps a raster image with its size', () => {
    expect(hex(rasterImage(2, 1, Uint8Array.of(0xff, 0x01)))).toBe('1D 76 30 00 02 00 01 00 FF 01');
    expect(() => rasterImage(2, 2, Uint8Array.of(0))).toThrow(/expected 4/);
  });

  it('refuses a process id that is not 4 printable characters', () => {
    expect(() => processIdRequest('R1')).toThrow();
  });
});
