import type { Won } from '../../common/money';
import type { Receipt, ReceiptBlock } from './document';
import { slipHeading, timeLine, won } from './common';

/** The citizen's receipt: what was issued, what it cost, what was paid and given back. */
export type TransactionReceiptInput = {
  readonly kioskId: string;
  readonly kioskName: string;
  readonly issuedAt: Date;
  /** The session's transaction number, also printed as a barcode for the counter. */
  readonly transactionNumber: string;
  readonly documents: readonly {
    readonly name: string;
    readonly copies: number;
    readonly pages: number;
    /** Fee for all copies of this line. */
    readonly fee: Won;
    readonly issuanceNumber: string;
    /** Why the fee was waived, in words (e.g. 기초생활수급자 감면), or null. */
    readonly waivedBy: string | null;
  }[];
  readonly total: Won;
  readonly paid: Won;
  readonly change: Won;
  /** Change the kiosk could not pay in coins: owed against a refund voucher printed separately. */
  readonly owed: { readonly amount: Won; readonly voucherCode: string } | null;
};

export function transactionReceipt(input: TransactionReceiptInput): Receipt {
  const lines: ReceiptBlock[] = input.documents.flatMap((document): ReceiptBlock[] => [
    { kind: 'text', text: document.name, style: { bold: true } },
    { kind: 'pair', left: `  ${document.copies}부 × ${document.pages}쪽`, right: document.waivedBy ? `0원 (${document.waivedBy})` : won(document.fee) },
    { kind: 'pair', left: '  발급번호', right: document.issuanceNumber },
  ]);
  return {
    kind: 'transaction',
    blocks: [
      ...slipHeading('영 수 증', input.kioskName, input.kioskId),
      { kind: 'pair', left: '거래번호', right: input.transactionNumber },
      timeLine('거래일시', input.issuedAt),
      { kind: 'rule' },
      ...lines,
      { kind: 'rule', character: '=' },
      { kind: 'pair', left: '합계', right: won(input.total), style: { bold: true, size: 'tall' } },
      { kind: 'pair', left: '받은 금액', right: won(input.paid) },
      { kind: 'pair', left: '거스름돈', right: won(input.change) },
      ...(input.owed
        ? ([
            { kind: 'pair', left: '환불 확인증 발급액', right: won(input.owed.amount), style: { bold: true } },
            { kind: 'pair', left: '  확인번호', right: input.owed.voucherCode },
          ] satisfies ReceiptBlock[])
        : []),
      { kind: 'rule' },
      { kind: 'text', text: '이 영수증은 수수료 납부 확인용입니다. 증명서의 진위는 각 증명서의 문서확인번호로 확인하십시오.' },
      { kind: 'feed', lines: 1 },
      { kind: 'barcode', data: input.transactionNumber },
      { kind: 'text', text: '이용해 주셔서 감사합니다.', align: 'center' },
    ],
  };
}
