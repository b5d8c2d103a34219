import iconv from 'iconv-lite';
import type { Receipt } from '../../printer-templates/receipt/document';
import { RECEIPT_COLUMNS, RECEIPT_DOTS_PER_LINE } from '../../printer-templates/receipt/document';
import { layoutReceipt, type LaidOutLine } from '../../printer-templates/receipt/layout';
import { rasterizeLine } from '../../printer-templates/receipt/raster';
import {
  align,
  bold,
  code128,
  concatBytes,
  feedAndCut,
  initialise,
  kanjiPrintMode,
  koreanMode,
  lineFeed,
  printMode,
  qrCode,
  rasterImage,
  type CutKind,
} from './commands';

/**
 * A receipt to ESC/POS bytes. `native` prints Korean with the printer's own font in double-byte mode (CP949
 * bytes); `raster` draws every line that is not plain ASCII as an image, for printers without a Korean font.
 * Even in native mode a line with a syllable outside KS X 1001 (the 2,350 syllables EUC-KR printer fonts carry,
 * e.g. 똠) is drawn as an image: the printer would print a blank or a wrong glyph for it.
 */
export type KoreanTextMode = 'native' | 'raster';

export type EncodeOptions = {
  readonly korean: KoreanTextMode;
  readonly columns?: number;
  readonly dotsPerLine?: number;
  readonly cut?: CutKind;
};

/** Dots fed after the last line so that it clears the cutter (about 12 mm on common heads). */
export const FEED_BEFORE_CUT_DOTS = 96;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Whether every double-byte character of `bytes` is inside KS X 1001 (lead and trail bytes A1–FE). */
export function withinKsX1001(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (byte < 0xa1 || byte > 0xfe || trail < 0xa1 || trail > 0xfe) return false;
    i++;
  }
  return true;
}

export function asciiBytes(text: string, what: string): Uint8Array {
  if (!isAscii(text)) throw new Error(`${what} must be printable ASCII: ${JSON.stringify(text)}`);
  return Uint8Array.from([...text].map((character) => character.charCodeAt(0)));
}

function encodeLine(line: LaidOutLine, options: Required<EncodeOptions>): Uint8Array {
  switch (line.kind) {
    case 'qr':
      return concatBytes([align('center'), qrCode(new TextEncoder().encode(line.data), line.moduleSize, 'M'), align('left')]);
    case 'barcode':
      return concatBytes([align('center'), code128(asciiBytes(line.data, 'CODE128 data')), align('left')]);
    case 'text': {
      const mode = { bold: line.bold, underline: line.underline, doubleWidth: line.doubleWidth, doubleHeight: line.doubleHeight };
      const textBytes = options.korean === 'native' ? iconv.encode(line.text, 'cp949') : null;
      const drawAsImage = textBytes === null ? !isAscii(line.text) : !withinKsX1001(textBytes);
      if (drawAsImage) {
        const bitmap = rasterizeLine(line.text, { width: options.dotsPerLine, align: line.align, ...mode });
        return concatBytes([align('left'), printMode({}), rasterImage(bitmap.widthBytes, bitmap.height, bitmap.data)]);
      }
      return concatBytes([
        align(line.align),
        printMode(mode),
        ...(options.korean === 'native' ? [kanjiPrintMode(mode)] : []),
        bold(line.bold),
        textBytes ?? asciiBytes(line.text, 'text'),
        lineFeed(),
      ]);
    }
  }
}

export function encodeReceipt(receipt: Receipt, options: EncodeOptions): Uint8Array {
  const resolved: Required<EncodeOptions> = {
    korean: options.korean,
    columns: options.columns ?? RECEIPT_COLUMNS,
    dotsPerLine: options.dotsPerLine ?? RECEIPT_DOTS_PER_LINE,
    cut: options.cut ?? 'partial',
  };
  const lines = layoutReceipt(receipt, resolved.columns);
  return concatBytes([
    initialise(),
    ...(resolved.korean === 'native' ? [koreanMode()] : []),
    ...lines.map((line) => encodeLine(line, resolved)),
    printMode({}),
    bold(false),
    align('left'),
    feedAndCut(resolved.cut, FEED_BEFORE_CUT_DOTS),
  ]);
}
