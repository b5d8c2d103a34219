import type { Won } from '../../common/money';
import type { Receipt, ReceiptBlock } from './document';
import { slipHeading, timeLine, won } from './common';

/** The operator's end-of-day slip: what was issued and what the cash box should hold. */
export type EndOfDayInput = {
  readonly kioskId: string;
  readonly kioskName: string;
  readonly businessDate: string;
  readonly closedAt: Date;
  readonly documents: readonly { readonly name: string; readonly issuances: number; readonly copies: number; readonly fees: Won }[];
  readonly feesKept: Won;
  readonly changePaid: Won;
  readonly refundsOwed: Won;
  /** Notes in the cash box by face value (won) → count. */
  readonly cashBox: Readonly<Record<string, number>>;
  readonly a4SheetsUsed: number;
  /** Counted minus expected; 0 when the box reconciles. */
  readonly discrepancy: number;
};

export function endOfDaySlip(input: EndOfDayInput): Receipt {
  const denominations = Object.entries(input.cashBox)
    .map(([value, count]) => [Number(value), count] as const)
    .sort((a, b) => b[0] - a[0]);
  const cashTotal = denominations.reduce((sum, [value, count]) => sum + value * count, 0);
  const documentLines: ReceiptBlock[] = input.documents.map((document) => ({
    kind: 'pair',
    left: `${document.name} ${document.issuances}건/${document.copies}부`,
    right: won(document.fees),
  }));
  return {
    kind: 'end-of-day',
    blocks: [
      ...slipHeading('일일 마감', input.kioskName, input.kioskId),
      { kind: 'pair', left: '영업일', right: input.businessDate },
      timeLine('마감 일시', input.closedAt),
      { kind: 'rule' },
      { kind: 'text', text: '발급 실적', style: { bold: true } },
      ...(documentLines.length > 0 ? documentLines : [{ kind: 'text', text: '발급 없음' } satisfies ReceiptBlock]),
      { kind: 'pair', left: '발급 건수 합계', right: `${input.documents.reduce((sum, d) => sum + d.issuances, 0)}건` },
      { kind: 'pair', left: 'A4 용지 사용', right: `${input.a4SheetsUsed}매` },
      { kind: 'rule' },
      { kind: 'text', text: '현금', style: { bold: true } },
      { kind: 'pair', left: '수수료 수입', right: won(input.feesKept) },
      { kind: 'pair', left: '거스름돈 지급', right: won(input.changePaid) },
      { kind: 'pair', left: '환불 확인증 발급', right: won(input.refundsOwed) },
      ...denominations.map(([value, count]): ReceiptBlock => ({ kind: 'pair', left: `  ${won(value)}권`, right: `${count}장` })),
      { kind: 'pair', left: '현금함 합계', right: won(cashTotal), style: { bold: true } },
      {
        kind: 'pair',
        left: '차액',
        right: input.discrepancy === 0 ? '0원 (일치)' : `${input.discrepancy > 0 ? '+' : '-'}${won(Math.abs(input.discrepancy))}`,
        style: { bold: true },
      },
      { kind: 'rule' },
      { kind: 'text', text: '확인자 서명: ____________________' },
    ],
  };
}
