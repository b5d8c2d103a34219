import iconv from 'iconv-lite';
import type { Receipt, ReceiptAlign, ReceiptBlock, ReceiptStyle } from './document';
import { RECEIPT_COLUMNS } from './document';

/**
 * Receipt blocks laid out into printed lines: wrapping, label/value padding and rules are decided here, once, so
 * that the ESC/POS encoder and the expected text of a test come from the same lines.
 *
 * Characters: the printer's Korean font speaks CP949 (EUC-KR). The won sign ₩ (U+20A9) has no code there and
 * would come out as `?`, so it is printed as the full-width ￦ (U+FFE6, `A3 DC`). Any other character without a
 * code is replaced by `?` here, visibly, rather than by the encoder, silently.
 */
export type LaidOutLine =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align: ReceiptAlign;
      readonly bold: boolean;
      readonly underline: boolean;
      readonly doubleWidth: boolean;
      readonly doubleHeight: boolean;
    }
  | { readonly kind: 'qr'; readonly data: string; readonly moduleSize: number }
  | { readonly kind: 'barcode'; readonly data: string };

export const DEFAULT_QR_MODULE_SIZE = 6;

/** Makes text printable in CP949: ₩ → ￦, anything else without a code → `?`. */
export function printableText(text: string): string {
  let out = '';
  for (const character of text.replace(/₩/g, '￦')) {
    if (character === '\n' || character === '\r' || character === '\t') {
      out += ' ';
      continue;
    }
    const bytes = iconv.encode(character, 'cp949');
    out += bytes.length === 1 && bytes[0] === 0x3f && character !== '?' ? '?' : character;
  }
  return out;
}

/** Half-width cells a character occupies: double-byte (CP949) characters take two. */
export function cellWidth(text: string): number {
  let cells = 0;
  for (const character of text) cells += (character.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return cells;
}

function styleFlags(style: ReceiptStyle | undefined) {
  const size = style?.size ?? 'normal';
  return {
    bold: style?.bold ?? false,
    underline: style?.underline ?? false,
    doubleWidth: size === 'wide' || size === 'large',
    doubleHeight: size === 'tall' || size === 'large',
  };
}

/** Splits text into lines of at most `columns` cells, preferring to break at spaces. */
export function wrapCells(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lastSpace = -1;
  for (const character of text) {
    if (cellWidth(line + character) > columns) {
      if (character === ' ') {
        lines.push(line);
        line = '';
        lastSpace = -1;
        continue;
      }
      if (lastSpace > 0) {
        lines.push(line.slice(0, lastSpace));
        line = line.slice(lastSpace + 1);
      } else {
        lines.push(line);
        line = '';
      }
      lastSpace = -1;
    }
    if (character === ' ') lastSpace = line.length;
    line += character;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((each) => each.replace(/\s+$/, ''));
}

function layoutBlock(block: ReceiptBlock, columns: number): LaidOutLine[] {
  switch (block.kind) {
    case 'text': {
      const flags = styleFlags(block.style);
      const width = flags.doubleWidth ? Math.floor(columns / 2) : columns;
      return wrapCells(printableText(block.text), width).map((text) => ({ kind: 'text', text, align: block.align ?? 'left', ...flags }));
    }
    case 'pair': {
      const flags = styleFlags(block.style);
      const width = flags.doubleWidth ? Math.floor(columns / 2) : columns;
      const left = printableText(block.left);
      const right = printableText(block.right);
      const gap = width - cellWidth(left) - cellWidth(right);
      if (gap >= 1) return [{ kind: 'text', text: `${left}${' '.repeat(gap)}${right}`, align: 'left', ...flags }];
      // Too long for one line: the label on its own line(s), the value right-aligned below.
      return [
        ...wrapCells(left, width).map((text) => ({ kind: 'text' as const, text, align: 'left' as const, ...flags })),
        ...wrapCells(right, width).map((text) => ({ kind: 'text' as const, text, align: 'right' as const, ...flags })),
      ];
    }
    case 'rule':
      return [{ kind: 'text', text: (block.character ?? '-').repeat(columns), align: 'left', ...styleFlags(undefined) }];
    case 'feed':
      return Array.from({ length: Math.max(0, block.lines) }, () => ({ kind: 'text' as const, text: '', align: 'left' as const, ...styleFlags(undefined) }));
    case 'qr':
      return [{ kind: 'qr', data: block.data, moduleSize: block.moduleSize ?? DEFAULT_QR_MODULE_SIZE }];
    case 'barcode':
      return [{ kind: 'barcode', data: block.data }];
  }
}

export function layoutReceipt(receipt: Receipt, columns = RECEIPT_COLUMNS): LaidOutLine[] {
  return receipt.blocks.flatMap((block) => layoutBlock(block, columns));
}

/**
 * The receipt as a reader would transcribe it: one line per printed line, codes as `[QR] data` and
 * `[CODE128] data`. The printer simulator produces the same transcription from the bytes it received.
 */
export function transcribeLines(lines: readonly LaidOutLine[]): string {
  return lines
    .map((line) => {
      switch (line.kind) {
        case 'text':
          return line.text;
        case 'qr':
          return `[QR] ${line.data}`;
        case 'barcode':
          return `[CODE128] ${line.data}`;
      }
    })
    .join('\n');
}

export function receiptTranscript(receipt: Receipt, columns = RECEIPT_COLUMNS): string {
  return transcribeLines(layoutReceipt(receipt, columns));
}
