import { decodeAsb, isAsbFirstByte, isRealTimeStatusByte, type ReceiptPrinterStatus } from './status';

/**
 * What a printer sends back, split out of one byte stream: single real-time status bytes, 4-byte ASB blocks and
 * process-ID responses (`37 22 d1 d2 d3 d4 00`). They can interleave (an ASB may arrive between a request and its
 * answer), and each has a bit pattern the others cannot have, which is how they are told apart.
 */
export type PrinterReply =
  | { readonly kind: 'real-time'; readonly byte: number }
  | { readonly kind: 'asb'; readonly bytes: Uint8Array; readonly status: ReceiptPrinterStatus }
  | { readonly kind: 'process-id'; readonly id: string }
  | { readonly kind: 'unexpected'; readonly byte: number };

const PROCESS_ID_HEADER = 0x37;
const PROCESS_ID_IDENTIFIER = 0x22;

export class PrinterReplyReader {
  private pending: number[] = [];

  /** Feeds received bytes; returns the complete replies they finish. */
  push(bytes: Uint8Array): PrinterReply[] {
    const replies: PrinterReply[] = [];
    for (const byte of bytes) {
      this.pending.push(byte);
      const reply = this.take();
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private take(): PrinterReply | null {
    const first = this.pending[0];
    if (first === undefined) return null;
    if (first === PROCESS_ID_HEADER) {
      if (this.pending.length >= 2 && this.pending[1] !== PROCESS_ID_IDENTIFIER) return this.unexpected();
      if (this.pending.length < 7) return null;
      const block = this.pending.splice(0, 7);
      return { kind: 'process-id', id: String.fromCharCode(...block.slice(2, 6)) };
    }
    if (isAsbFirstByte(first)) {
      if (this.pending.length < 4) return null;
      const block = Uint8Array.from(this.pending.splice(0, 4));
      return { kind: 'asb', bytes: block, status: decodeAsb(block) };
    }
    if (isRealTimeStatusByte(first)) {
      this.pending.shift();
      return { kind: 'real-time', byte: first };
    }
    return this.unexpected();
  }

  private unexpected(): PrinterReply {
    const byte = this.pending.shift() ?? 0;
    return { kind: 'unexpected', byte };
  }

  reset(): void {
    this.pending = [];
  }
}
