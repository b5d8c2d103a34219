import type { Won } from '../../common/money';
import type { Receipt } from './document';
import { slipHeading, timeLine, won } from './common';

/**
 * The refund voucher (환불 확인증): money the kiosk owes and could not pay out (no coins, a print failure after
 * payment). The citizen claims it at the office counter; the QR lets the clerk look the claim up.
 * QR content: `KRREFUND1|<voucherCode>|<amount>|<kioskId>`.
 */
export const REFUND_QR_PREFIX = 'KRREFUND1';

export function refundVoucherQrText(voucherCode: string, amount: Won, kioskId: string): string {
  return [REFUND_QR_PREFIX, voucherCode, String(amount), kioskId].join('|');
}

export function parseRefundVoucherQr(text: string): { voucherCode: string; amount: Won; kioskId: string } | null {
  const parts = text.split('|');
  if (parts.length !== 4 || parts[0] !== REFUND_QR_PREFIX) return null;
  const amount = Number(parts[2]);
  if (!Number.isSafeInteger(amount) || amount < 0) return null;
  return { voucherCode: parts[1] ?? '', amount, kioskId: parts[3] ?? '' };
}

export type RefundVoucherInput = {
  readonly kioskId: string;
  readonly kioskName: string;
  readonly issuedAt: Date;
  readonly voucherCode: string;
  readonly amount: Won;
  /** In words for the citizen, e.g. 거스름돈 부족, 증명서 인쇄 실패. */
  readonly reason: string;
  /** Where to claim it: the office and its address. */
  readonly claimAt: string;
  /** Last day to claim, `YYYY-MM-DD`. */
  readonly claimUntil: string;
};

export function refundVoucher(input: RefundVoucherInput): Receipt {
  return {
    kind: 'refund-voucher',
    blocks: [
      ...slipHeading('환불 확인증', input.kioskName, input.kioskId),
      { kind: 'pair', left: '돌려드릴 금액', right: won(input.amount), style: { bold: true, size: 'tall' } },
      { kind: 'pair', left: '사유', right: input.reason },
      { kind: 'pair', left: '확인번호', right: input.voucherCode },
      timeLine('발급일시', input.issuedAt),
      { kind: 'pair', left: '청구 기한', right: input.claimUntil },
      { kind: 'rule' },
      { kind: 'text', text: '이 확인증을 가지고 아래 창구에 오시면 위 금액을 돌려드립니다. 신분증을 함께 제시해 주십시오.' },
      { kind: 'text', text: `청구 장소: ${input.claimAt}` },
      { kind: 'feed', lines: 1 },
      { kind: 'qr', data: refundVoucherQrText(input.voucherCode, input.amount, input.kioskId) },
      { kind: 'barcode', data: input.voucherCode },
      { kind: 'text', text: '분실 시 재발급되지 않으니 잘 보관하십시오.', align: 'center', style: { bold: true } },
    ],
  };
}
