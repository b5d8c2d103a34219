import { encodePng } from '../../printer-templates/receipt/png';
import { refundVoucherQrText } from '../../printer-templates/receipt/refund-voucher';
import { SAMPLE_RECEIPTS } from '../../printer-templates/fixtures/receipts';
import { decodeCodes, pdfWorkspace } from '../../test/support/pdf-tools';
import { encodeReceipt } from './encode';
import { PaperInterpreter, type PrintedReceipt } from './paper';
import { paperImage } from './paper-image';
import { EscPosParser } from './parser';

function printed(bytes: Uint8Array): PrintedReceipt {
  const parser = new EscPosParser();
  const paper = new PaperInterpreter();
  for (const command of parser.push(bytes)) {
    const receipt = paper.apply(command);
    if (receipt) return receipt;
  }
  throw new Error('not cut');
}

describe('paper image of a printed receipt', () => {
  it('draws codes a scanner reads: the voucher QR and its barcode', () => {
    const workspace = pdfWorkspace('paper-');
    try {
      const png = workspace.write('voucher.png', encodePng(paperImage(printed(encodeReceipt(SAMPLE_RECEIPTS['refund-voucher'](), { korean: 'native' }))), 16));
      expect(decodeCodes(png).sort()).toEqual([refundVoucherQrText('RF-20261125-0042', 500, 'GJ-HALL-01'), 'RF-20261125-0042'].sort());
    } finally {
      workspace.dispose();
    }
  });

  it('is 576 dots wide, one row of cells per line', () => {
    const receipt = printed(encodeReceipt({ kind: 'test-page', blocks: [{ kind: 'text', text: 'A' }, { kind: 'text', text: '가' }] }, { korean: 'native' }));
    const image = paperImage(receipt);
    expect(image.width).toBe(576);
    expect(image.height).toBeGreaterThanOrEqual(2 * 24);
    expect(image.data.some((byte) => byte !== 0)).toBe(true);
  });
});
