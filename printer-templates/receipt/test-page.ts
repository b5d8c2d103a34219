import type { Receipt } from './document';
import { slipHeading, timeLine } from './common';

/** The technician's test page: every style, the Korean font, the won sign, a QR and a barcode. */
export type TestPageInput = {
  readonly kioskId: string;
  readonly kioskName: string;
  readonly printedAt: Date;
  /** e.g. `escpos /dev/serial/by-id/… (korean: native)` */
  readonly printerDescription: string;
};

export function testPage(input: TestPageInput): Receipt {
  return {
    kind: 'test-page',
    blocks: [
      ...slipHeading('프린터 시험 인쇄', input.kioskName, input.kioskId),
      timeLine('인쇄 일시', input.printedAt),
      { kind: 'text', text: `프린터: ${input.printerDescription}` },
      { kind: 'rule' },
      { kind: 'text', text: '가나다라마바사아자차카타파하 ABCDEFG abcdefg 0123456789' },
      { kind: 'text', text: '금액 표시: ￦1,000 / 1,000원 / ₩2,000' },
      { kind: 'text', text: '기호: ※ ① ② · ㎡ ○ ●' },
      { kind: 'text', text: '굵게 (bold)', style: { bold: true } },
      { kind: 'text', text: '밑줄 (underline)', style: { underline: true } },
      { kind: 'text', text: '세로 2배', style: { size: 'tall' } },
      { kind: 'text', text: '가로 세로 2배', style: { size: 'large' } },
      { kind: 'text', text: '가운데 정렬', align: 'center' },
      { kind: 'text', text: '오른쪽 정렬', align: 'right' },
      { kind: 'pair', left: '왼쪽 항목', right: '오른쪽 값' },
      { kind: 'rule' },
      { kind: 'qr', data: `KIOSK-TEST|${input.kioskId}` },
      { kind: 'barcode', data: `TEST-${input.kioskId}` },
      { kind: 'text', text: '절취선 위까지 모든 줄이 보이면 정상입니다.', align: 'center' },
    ],
  };
}
