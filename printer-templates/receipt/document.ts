/**
 * A receipt as the kiosk means it, before any printer language: blocks of text, label/amount pairs, rules, a QR
 * code, a barcode. Receipt templates (transaction, refund voucher, test page, end-of-day) build these; the receipt
 * printer's encoder turns them into ESC/POS bytes (devices/receipt-printer), and `layoutReceipt` gives the exact
 * lines a reader sees, which the printer simulator must read back.
 */
export type ReceiptAlign = 'left' | 'center' | 'right';

/** `wide` and `large` double the width of every character, halving the characters per line. */
export type ReceiptSize = 'normal' | 'tall' | 'wide' | 'large';

export type ReceiptStyle = {
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly size?: ReceiptSize;
};

export type ReceiptBlock =
  | { readonly kind: 'text'; readonly text: string; readonly align?: ReceiptAlign; readonly style?: ReceiptStyle }
  /** A label on the left and a value on the right of the same line (`합계 ........ 1,200원`). */
  | { readonly kind: 'pair'; readonly left: string; readonly right: string; readonly style?: ReceiptStyle }
  | { readonly kind: 'rule'; readonly character?: '-' | '=' }
  | { readonly kind: 'feed'; readonly lines: number }
  | { readonly kind: 'qr'; readonly data: string; readonly moduleSize?: number }
  | { readonly kind: 'barcode'; readonly data: string };

export type Receipt = {
  /** What kind of slip this is, for logs (never its contents). */
  readonly kind: 'transaction' | 'refund-voucher' | 'test-page' | 'end-of-day';
  readonly blocks: readonly ReceiptBlock[];
};

/** 80 mm paper, font A (12 × 24 dots) on a 576-dot head: 48 half-width cells per line. */
export const RECEIPT_COLUMNS = 48;
export const RECEIPT_DOTS_PER_LINE = 576;
