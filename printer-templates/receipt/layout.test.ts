import { SAMPLE_RECEIPTS, sampleTransactionReceipt } from '../fixtures/receipts';
import { RECEIPT_COLUMNS } from './document';
import { cellWidth, layoutReceipt, printableText, receiptTranscript, wrapCells } from './layout';
import { parseRefundVoucherQr, refundVoucherQrText } from './refund-voucher';

describe('receipt layout', () => {
  it('prints the won sign as the full-width ￦ that CP949 has, and marks what it cannot print', () => {
    expect(printableText('₩1,000')).toBe('￦1,000');
    expect(printableText('café — ok')).toBe('caf? ? ok');
    expect(printableText('주민등록표 ￦ ※ ①')).toBe('주민등록표 ￦ ※ ①');
  });

  it('counts Korean characters as two cells', () => {
    expect(cellWidth('합계 1,000원')).toBe(2 * 2 + 1 + 5 + 2);
  });

  it('wraps at spaces within the width', () => {
    expect(wrapCells('이 영수증은 수수료 납부 확인용입니다', 20)).toEqual(['이 영수증은 수수료', '납부 확인용입니다']);
  });

  it.each(Object.entries(SAMPLE_RECEIPTS))('%s: no line is wider than the paper', (_kind, make) => {
    for (const line of layoutReceipt(make())) {
      if (line.kind !== 'text') continue;
      expect(cellWidth(line.text)).toBeLessThanOrEqual(line.doubleWidth ? RECEIPT_COLUMNS / 2 : RECEIPT_COLUMNS);
    }
  });

  it('puts a label and its amount on the two ends of one line', () => {
    const text = receiptTranscript(sampleTransactionReceipt());
    const total = text.split('\n').find((line) => line.startsWith('합계'));
    expect(total).toBe(`합계${' '.repeat(RECEIPT_COLUMNS - 4 - cellWidth('1,000원'))}1,000원`);
  });

  it('carries the voucher in a QR a clerk can parse', () => {
    const text = refundVoucherQrText('RF-1', 500, 'GJ-HALL-01');
    expect(text).toBe('KRREFUND1|RF-1|500|GJ-HALL-01');
    expect(parseRefundVoucherQr(text)).toEqual({ voucherCode: 'RF-1', amount: 500, kioskId: 'GJ-HALL-01' });
    expect(parseRefundVoucherQr('KRDOC1|a|b|c')).toBeNull();
  });
});
