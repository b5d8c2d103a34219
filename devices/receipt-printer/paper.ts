import iconv from 'iconv-lite';
import type { EscPosCommand } from './parser';

/**
 * What comes out on the paper, decoded from print commands: lines of text with their style, QR codes, barcodes and
 * raster images, grouped into receipts at each cut. The simulator uses it to report "what was printed".
 */
export type PrintedItem =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align: 'left' | 'center' | 'right';
      readonly bold: boolean;
      readonly underline: boolean;
      readonly doubleWidth: boolean;
      readonly doubleHeight: boolean;
    }
  | { readonly kind: 'qr'; readonly data: string; readonly moduleSize: number; readonly errorCorrection: string }
  | { readonly kind: 'barcode'; readonly symbology: 'CODE128' | 'other'; readonly data: string }
  | { readonly kind: 'image'; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array };

export type PrintedReceipt = {
  readonly items: readonly PrintedItem[];
  /** Transcription in the same form as `receiptTranscript` (printer-templates/receipt/layout). */
  readonly text: string;
  /** Cut normally; false when printing stopped (paper out, cover, cleared buffers) before the cut. */
  readonly complete: boolean;
  readonly cut: 'full' | 'partial' | null;
};

export function transcribeItems(items: readonly PrintedItem[]): string {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'text':
          return item.text;
        case 'qr':
          return `[QR] ${item.data}`;
        case 'barcode':
          return `[CODE128] ${item.data}`;
        case 'image':
          return `[IMAGE ${item.widthBytes * 8}x${item.height}]`;
      }
    })
    .join('\n');
}

const EC_LEVELS: Record<number, string> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

/** Whether a command moves paper (takes print time on a real head). */
export function printsSomething(command: EscPosCommand): boolean {
  return (
    command.kind === 'line-feed' ||
    command.kind === 'feed-lines' ||
    command.kind === 'raster' ||
    command.kind === 'barcode' ||
    (command.kind === 'qr' && command.function === 0x51)
  );
}

export class PaperInterpreter {
  private items: PrintedItem[] = [];
  private line = '';
  private alignment: 'left' | 'center' | 'right' = 'left';
  private mode = 0;
  private boldOn = false;
  private underlineDots = 0;
  private width = 1;
  private height = 1;
  private qrData = '';
  private qrModule = 3;
  private qrLevel = 'L';

  /** Applies one command; returns a finished receipt when the command was a cut. */
  apply(command: EscPosCommand): PrintedReceipt | null {
    switch (command.kind) {
      case 'text':
        this.line += command.doubleByte ? iconv.decode(Buffer.from(command.bytes), 'cp949') : singleByteText(command.bytes);
        return null;
      case 'line-feed':
        this.emitLine();
        return null;
      case 'feed-lines':
        if (this.line.length > 0) this.emitLine();
        for (let i = 0; i < command.lines; i++) this.emitLine();
        return null;
      case 'initialise':
        this.line = '';
        this.alignment = 'left';
        this.mode = 0;
        this.boldOn = false;
        this.underlineDots = 0;
        this.width = 1;
        this.height = 1;
        return null;
      case 'print-mode':
        this.mode = command.mode;
        return null;
      case 'bold':
        this.boldOn = command.on;
        return null;
      case 'underline':
        this.underlineDots = command.dots;
        return null;
      case 'character-size':
        this.width = command.width;
        this.height = command.height;
        return null;
      case 'align':
        this.alignment = command.alignment;
        return null;
      case 'raster':
        if (this.line.length > 0) this.emitLine();
        this.items.push({ kind: 'image', widthBytes: command.widthBytes, height: command.height, data: command.data });
        return null;
      case 'qr':
        this.applyQr(command.function, command.parameters);
        return null;
      case 'barcode': {
        if (this.line.length > 0) this.emitLine();
        const raw = new TextDecoder('latin1').decode(command.data);
        const isCode128 = command.system === 73;
        // CODE128 data starts with the code set selector ({A, {B or {C); a reader sees only the data.
        this.items.push({ kind: 'barcode', symbology: isCode128 ? 'CODE128' : 'other', data: isCode128 ? raw.replace(/^\{[ABC]/, '') : raw });
        return null;
      }
      case 'cut': {
        if (this.line.length > 0) this.emitLine();
        return this.finish(command.partial ? 'partial' : 'full', true);
      }
      default:
        return null;
    }
  }

  /**
   * Whatever is on the paper without a cut (printing stopped and the buffers were cleared): returned as an
   * incomplete receipt, or null. Text not yet fed by a line feed was never printed and is dropped.
   */
  abandon(): PrintedReceipt | null {
    this.line = '';
    if (this.items.length === 0) return null;
    return this.finish(null, false);
  }

  get hasContent(): boolean {
    return this.items.length > 0 || this.line.length > 0;
  }

  private finish(cut: 'full' | 'partial' | null, complete: boolean): PrintedReceipt {
    const items = this.items;
    this.items = [];
    return { items, text: transcribeItems(items), complete, cut };
  }

  private emitLine(): void {
    this.items.push({
      kind: 'text',
      text: this.line,
      align: this.alignment,
      bold: this.boldOn || (this.mode & 0x08) !== 0,
      underline: this.underlineDots > 0 || (this.mode & 0x80) !== 0,
      doubleWidth: this.width > 1 || (this.mode & 0x20) !== 0,
      doubleHeight: this.height > 1 || (this.mode & 0x10) !== 0,
    });
    this.line = '';
  }

  private applyQr(fn: number, parameters: Uint8Array): void {
    switch (fn) {
      case 0x43:
        this.qrModule = parameters[0] ?? this.qrModule;
        break;
      case 0x45:
        this.qrLevel = EC_LEVELS[parameters[0] ?? 0] ?? this.qrLevel;
        break;
      case 0x50:
        // Store: `30` then the data.
        this.qrData = new TextDecoder().decode(parameters.slice(1));
        break;
      case 0x51:
        if (this.line.length > 0) this.emitLine();
        this.items.push({ kind: 'qr', data: this.qrData, moduleSize: this.qrModule, errorCorrection: this.qrLevel });
        break;
      default:
        break;
    }
  }
}

/** Outside double-byte mode only ASCII is read back; other bytes depend on the code page and show as `?`. */
function singleByteText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : '?';
  return text;
}
