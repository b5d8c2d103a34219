import { formatWon, type Won } from '../../common/money';
import { printedTime } from '../certificate/dates';
import type { ReceiptBlock } from './document';

/** Pieces every slip shares: the heading with the kiosk, the time line, money in `1,000원` form. */
export function won(amount: Won): string {
  return formatWon(amount, 'ko');
}

export function slipHeading(title: string, kioskName: string, kioskId: string): ReceiptBlock[] {
  return [
    { kind: 'text', text: title, align: 'center', style: { size: 'large', bold: true } },
    { kind: 'text', text: `${kioskName} (${kioskId})`, align: 'center' },
    { kind: 'rule', character: '=' },
  ];
}

export function timeLine(label: string, at: Date): ReceiptBlock {
  return { kind: 'pair', left: label, right: printedTime(at).dateTime };
}
