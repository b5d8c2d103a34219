/**
 * ESC/POS command bytes (Epson ESC/POS reference; reference/protocols.md §3). Builders only: no state, no I/O.
 * Golden bytes for each are in commands.test.ts.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

const bytes = (...values: number[]) => Uint8Array.from(values);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** ESC @: clears the print buffer and resets modes (not the receive buffer). */
export const initialise = () => bytes(ESC, 0x40);

/**
 * Korean double-byte mode: ESC t 0 (code table PC437 for single bytes), FS & (enter double-byte mode),
 * ESC R 13 (international set: Korea). Text that follows is CP949/EUC-KR.
 */
export const koreanMode = () => bytes(ESC, 0x74, 0x00, FS, 0x26, ESC, 0x52, 0x0d);
/** FS .: leave double-byte mode. */
export const leaveKoreanMode = () => bytes(FS, 0x2e);

export type PrintMode = { bold?: boolean; doubleHeight?: boolean; doubleWidth?: boolean; underline?: boolean };

export function printModeByte(mode: PrintMode): number {
  return (mode.bold ? 0x08 : 0) | (mode.doubleHeight ? 0x10 : 0) | (mode.doubleWidth ? 0x20 : 0) | (mode.underline ? 0x80 : 0);
}

/** ESC ! n: bold bit 3, double height bit 4, double width bit 5, underline bit 7. */
export const printMode = (mode: PrintMode) => bytes(ESC, 0x21, printModeByte(mode));
/**
 * FS ! n: the same mode for double-byte (Korean) characters. Printers apply ESC ! to single-byte characters
 * only, so both are sent for a styled Korean line.
 */
export const kanjiPrintMode = (mode: PrintMode) =>
  bytes(FS, 0x21, (mode.doubleWidth ? 0x04 : 0) | (mode.doubleHeight ? 0x08 : 0) | (mode.underline ? 0x80 : 0));
export const bold = (on: boolean) => bytes(ESC, 0x45, on ? 1 : 0);
export const underline = (dots: 0 | 1 | 2) => bytes(ESC, 0x2d, dots);
/** GS ! n: high nibble width − 1, low nibble height − 1 (1–8 each). */
export const characterSize = (width: number, height: number) => bytes(GS, 0x21, (((width - 1) & 7) << 4) | ((height - 1) & 7));

export type Alignment = 'left' | 'center' | 'right';
export const ALIGNMENT_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
export const align = (alignment: Alignment) => bytes(ESC, 0x61, ALIGNMENT_CODE[alignment]);

export const lineFeed = () => bytes(LF);
/** ESC d n: print and feed n lines. */
export const feedLines = (lines: number) => bytes(ESC, 0x64, Math.max(0, Math.min(255, lines)));

/** GS v 0 m xL xH yL yH d…: a raster image, `widthBytes` bytes (8 dots each) per row, most significant bit left. */
export function rasterImage(widthBytes: number, height: number, data: Uint8Array): Uint8Array {
  if (data.length !== widthBytes * height) throw new Error(`raster data is ${data.length} bytes, expected ${widthBytes * height}`);
  return concatBytes([bytes(GS, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8), data]);
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_EC: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** GS ( k, function 165: QR model 2. */
export const qrModel2 = () => bytes(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
/** GS ( k, function 167: module size in dots (1–16). */
export const qrModuleSize = (dots: number) => bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, Math.max(1, Math.min(16, dots)));
/** GS ( k, function 169: error correction level. */
export const qrErrorCorrection = (level: QrErrorCorrection) => bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_EC[level]);
/** GS ( k, function 180: store data; pL pH count the data plus the three bytes `31 50 30`. */
export function qrStore(data: Uint8Array): Uint8Array {
  const length = data.length + 3;
  return concatBytes([bytes(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30), data]);
}
/** GS ( k, function 181: print the stored symbol. */
export const qrPrint = () => bytes(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);

export function qrCode(data: Uint8Array, moduleSize: number, level: QrErrorCorrection = 'M'): Uint8Array {
  return concatBytes([qrModel2(), qrModuleSize(moduleSize), qrErrorCorrection(level), qrStore(data), qrPrint()]);
}

/**
 * CODE128 (GS k 73): bar height, module width, human-readable text below, then the data prefixed with `{B`
 * (code set B, printable ASCII). `len` counts the `{B` too.
 */
export function code128(data: Uint8Array, options: { height?: number; moduleWidth?: number } = {}): Uint8Array {
  if (data.length + 2 > 255) throw new Error('CODE128 data too long');
  return concatBytes([
    bytes(GS, 0x68, options.height ?? 64),
    bytes(GS, 0x77, options.moduleWidth ?? 2),
    bytes(GS, 0x48, 0x02),
    bytes(GS, 0x6b, 0x49, data.length + 2, 0x7b, 0x42),
    data,
  ]);
}

export type CutKind = 'full' | 'partial';
/** GS V 0 / GS V 1: cut where the paper is. */
export const cut = (kind: CutKind) => bytes(GS, 0x56, kind === 'full' ? 0x00 : 0x01);
/** GS V 65 n / GS V 66 n: feed n dots (to bring the last line past the cutter), then cut. */
export const feedAndCut = (kind: CutKind, feedDots: number) => bytes(GS, 0x56, kind === 'full' ? 0x41 : 0x42, Math.max(0, Math.min(255, feedDots)));

export type RealTimeStatusKind = 1 | 2 | 3 | 4;
/** DLE EOT n: the printer answers one status byte at once, even while busy or offline. */
export const realTimeStatusRequest = (n: RealTimeStatusKind) => bytes(DLE, 0x04, n);
/** GS a n: automatic status back; the printer sends 4 bytes on every status change (0 turns it off). */
export const automaticStatusBack = (mask: number) => bytes(GS, 0x61, mask & 0xff);
/**
 * GS ( H fn 48: the printer answers `37 22 d1 d2 d3 d4 00` once everything sent before it has been processed —
 * for print data, once it is printed. This is how the host knows a receipt really came out.
 */
export function processIdRequest(id: string): Uint8Array {
  const codes = [...id].map((character) => character.charCodeAt(0));
  if (codes.length !== 4 || codes.some((code) => code < 0x20 || code > 0x7e)) throw new Error(`process id must be 4 printable ASCII characters: ${id}`);
  return bytes(GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, ...codes);
}
/** DLE DC4 fn 8: clear the receive and print buffers, so that a failed receipt does not come out later. */
export const clearBuffers = () => bytes(DLE, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08);
