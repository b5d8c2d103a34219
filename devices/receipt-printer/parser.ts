import { DLE, ESC, FS, GS, LF } from './commands';

/**
 * The printer's side of ESC/POS: a byte stream cut into commands, the way a printer's command interpreter reads
 * it. Used by the simulator (and by tests to read back what the encoder produced). Commands can arrive split
 * across reads: an incomplete command stays buffered until the rest arrives. In double-byte (Korean) mode a lead
 * byte of 0x81 or above always takes the next byte with it, as CP949 requires.
 */
export type EscPosCommand =
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly doubleByte: boolean }
  | { readonly kind: 'line-feed' }
  | { readonly kind: 'initialise' }
  | { readonly kind: 'print-mode'; readonly mode: number }
  | { readonly kind: 'kanji-print-mode'; readonly mode: number }
  | { readonly kind: 'bold'; readonly on: boolean }
  | { readonly kind: 'underline'; readonly dots: number }
  | { readonly kind: 'character-size'; readonly width: number; readonly height: number }
  | { readonly kind: 'align'; readonly alignment: 'left' | 'center' | 'right' }
  | { readonly kind: 'code-table'; readonly table: number }
  | { readonly kind: 'international-set'; readonly set: number }
  | { readonly kind: 'double-byte-mode'; readonly on: boolean }
  | { readonly kind: 'feed-lines'; readonly lines: number }
  | { readonly kind: 'raster'; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array }
  | { readonly kind: 'qr'; readonly function: number; readonly parameters: Uint8Array }
  | { readonly kind: 'barcode-setting'; readonly setting: 'height' | 'module-width' | 'hri-position'; readonly value: number }
  | { readonly kind: 'barcode'; readonly system: number; readonly data: Uint8Array }
  | { readonly kind: 'cut'; readonly partial: boolean; readonly feedDots: number }
  | { readonly kind: 'real-time-status'; readonly n: number }
  | { readonly kind: 'real-time-request'; readonly n: number }
  | { readonly kind: 'clear-buffers' }
  | { readonly kind: 'automatic-status-back'; readonly mask: number }
  | { readonly kind: 'process-id'; readonly id: string }
  | { readonly kind: 'ignored'; readonly bytes: Uint8Array };

type Parsed = { readonly command: EscPosCommand; readonly length: number } | 'incomplete';

const ALIGNMENTS = ['left', 'center', 'right'] as const;

export class EscPosParser {
  private buffer = new Uint8Array(0);
  private doubleByte = false;

  push(chunk: Uint8Array): EscPosCommand[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const commands: EscPosCommand[] = [];
    let offset = 0;
    while (offset < joined.length) {
      const parsed = this.parse(joined, offset);
      if (parsed === 'incomplete') break;
      commands.push(parsed.command);
      offset += parsed.length;
      if (parsed.command.kind === 'double-byte-mode') this.doubleByte = parsed.command.on;
      if (parsed.command.kind === 'initialise') this.doubleByte = false;
    }
    this.buffer = joined.slice(offset);
    return commands;
  }

  /** Bytes received but not yet a whole command. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private parse(b: Uint8Array, at: number): Parsed {
    const need = (count: number) => at + count <= b.length;
    const byte = (i: number) => b[at + i] ?? 0;
    const first = byte(0);
    const done = (command: EscPosCommand, length: number): Parsed => ({ command, length });
    switch (first) {
      case LF:
        return done({ kind: 'line-feed' }, 1);
      case 0x0d:
      case 0x09:
        return done({ kind: 'ignored', bytes: b.slice(at, at + 1) }, 1);
      case DLE: {
        if (!need(3)) return 'incomplete';
        const fn = byte(1);
        if (fn === 0x04) return done({ kind: 'real-time-status', n: byte(2) }, 3);
        if (fn === 0x05) return done({ kind: 'real-time-request', n: byte(2) }, 3);
        if (fn === 0x14) {
          if (byte(2) === 0x08) {
            if (!need(10)) return 'incomplete';
            return done({ kind: 'clear-buffers' }, 10);
          }
          if (!need(5)) return 'incomplete';
          return done({ kind: 'ignored', bytes: b.slice(at, at + 5) }, 5);
        }
        return done({ kind: 'ignored', bytes: b.slice(at, at + 2) }, 2);
      }
      case ESC:
        return this.parseEsc(b, at);
      case FS:
        return this.parseFs(b, at);
      case GS:
        return this.parseGs(b, at);
      default:
        return this.parseText(b, at);
    }
  }

  private parseText(b: Uint8Array, at: number): Parsed {
    let end = at;
    while (end < b.length) {
      const value = b[end] ?? 0;
      if (value < 0x20 || value === 0x7f) break;
      if (this.doubleByte && value >= 0x81) {
        if (end + 1 >= b.length) break;
        end += 2;
      } else end += 1;
    }
    if (end === at) {
      // A lone lead byte waiting for its trail byte, or a control byte nobody handles.
      if ((b[at] ?? 0) >= 0x81 && this.doubleByte) return 'incomplete';
      return { command: { kind: 'ignored', bytes: b.slice(at, at + 1) }, length: 1 };
    }
    return { command: { kind: 'text', bytes: b.slice(at, end), doubleByte: this.doubleByte }, length: end - at };
  }

  private parseEsc(b: Uint8Array, at: number): Parsed {
    if (at + 2 > b.length) return 'incomplete';
    const op = b[at + 1] ?? 0;
    const arg = b[at + 2] ?? 0;
    const withArg = (command: EscPosCommand): Parsed => (at + 3 > b.length ? 'incomplete' : { command, length: 3 });
    switch (op) {
      case 0x40:
        return { command: { kind: 'initialise' }, length: 2 };
      case 0x21:
        return withArg({ kind: 'print-mode', mode: arg });
      case 0x45:
        return withArg({ kind: 'bold', on: (arg & 1) === 1 });
      case 0x2d:
        return withArg({ kind: 'underline', dots: arg % 0x30 });
      case 0x61:
        return withArg({ kind: 'align', alignment: ALIGNMENTS[arg % 0x30] ?? 'left' });
      case 0x74:
        return withArg({ kind: 'code-table', table: arg });
      case 0x52:
        return withArg({ kind: 'international-set', set: arg });
      case 0x64:
        return withArg({ kind: 'feed-lines', lines: arg });
      case 0x32:
        return { command: { kind: 'ignored', bytes: b.slice(at, at + 2) }, length: 2 };
      case 0x70:
        return at + 5 > b.length ? 'incomplete' : { command: { kind: 'ignored', bytes: b.slice(at, at + 5) }, length: 5 };
      default:
        // ESC commands with one parameter byte (ESC 3 n, ESC J n, ESC M n, ESC G n, ESC SP n …).
        return withArg({ kind: 'ignored', bytes: b.slice(at, at + 3) });
    }
  }

  private parseFs(b: Uint8Array, at: number): Parsed {
    if (at + 2 > b.length) return 'incomplete';
    const op = b[at + 1] ?? 0;
    if (op === 0x26) return { command: { kind: 'double-byte-mode', on: true }, length: 2 };
    if (op === 0x2e) return { command: { kind: 'double-byte-mode', on: false }, length: 2 };
    if (at + 3 > b.length) return 'incomplete';
    if (op === 0x21) return { command: { kind: 'kanji-print-mode', mode: b[at + 2] ?? 0 }, length: 3 };
    return { command: { kind: 'ignored', bytes: b.slice(at, at + 3) }, length: 3 };
  }

  private parseGs(b: Uint8Array, at: number): Parsed {
    if (at + 2 > b.length) return 'incomplete';
    const op = b[at + 1] ?? 0;
    const arg = (i: number) => b[at + i] ?? 0;
    const has = (count: number) => at + count <= b.length;
    switch (op) {
      case 0x21:
        return has(3) ? { command: { kind: 'character-size', width: (arg(2) >> 4) + 1, height: (arg(2) & 7) + 1 }, length: 3 } : 'incomplete';
      case 0x56: {
        if (!has(3)) return 'incomplete';
        const mode = arg(2);
        if (mode === 0x41 || mode === 0x42) {
          return has(4) ? { command: { kind: 'cut', partial: mode === 0x42, feedDots: arg(3) }, length: 4 } : 'incomplete';
        }
        return { command: { kind: 'cut', partial: mode === 0x01 || mode === 0x31, feedDots: 0 }, length: 3 };
      }
      case 0x76: {
        if (!has(8)) return 'incomplete';
        const widthBytes = arg(4) + arg(5) * 256;
        const height = arg(6) + arg(7) * 256;
        const length = 8 + widthBytes * height;
        if (!has(length)) return 'incomplete';
        return { command: { kind: 'raster', widthBytes, height, data: b.slice(at + 8, at + length) }, length };
      }
      case 0x28: {
        // GS ( X pL pH …: every function of this family carries its own length.
        if (!has(5)) return 'incomplete';
        const family = arg(2);
        const size = arg(3) + arg(4) * 256;
        if (!has(5 + size)) return 'incomplete';
        const body = b.slice(at + 5, at + 5 + size);
        if (family === 0x6b && size >= 2) return { command: { kind: 'qr', function: body[1] ?? 0, parameters: body.slice(2) }, length: 5 + size };
        if (family === 0x48 && size === 6 && body[0] === 0x30 && body[1] === 0x30) {
          return { command: { kind: 'process-id', id: String.fromCharCode(...body.slice(2, 6)) }, length: 5 + size };
        }
        return { command: { kind: 'ignored', bytes: b.slice(at, at + 5 + size) }, length: 5 + size };
      }
      case 0x68:
        return has(3) ? { command: { kind: 'barcode-setting', setting: 'height', value: arg(2) }, length: 3 } : 'incomplete';
      case 0x77:
        return has(3) ? { command: { kind: 'barcode-setting', setting: 'module-width', value: arg(2) }, length: 3 } : 'incomplete';
      case 0x48:
        return has(3) ? { command: { kind: 'barcode-setting', setting: 'hri-position', value: arg(2) }, length: 3 } : 'incomplete';
      case 0x6b: {
        if (!has(3)) return 'incomplete';
        const system = arg(2);
        if (system <= 6) {
          // Format A: data ends with NUL.
          const end = b.indexOf(0, at + 3);
          if (end < 0) return 'incomplete';
          return { command: { kind: 'barcode', system, data: b.slice(at + 3, end) }, length: end + 1 - at };
        }
        if (!has(4)) return 'incomplete';
        const length = 4 + arg(3);
        if (!has(length)) return 'incomplete';
        return { command: { kind: 'barcode', system, data: b.slice(at + 4, at + length) }, length };
      }
      case 0x61:
        return has(3) ? { command: { kind: 'automatic-status-back', mask: arg(2) }, length: 3 } : 'incomplete';
      default:
        return has(3) ? { command: { kind: 'ignored', bytes: b.slice(at, at + 3) }, length: 3 } : 'incomplete';
    }
  }
}
