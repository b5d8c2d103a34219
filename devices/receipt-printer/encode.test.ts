import type { Receipt } from '../../printer-templates/receipt/document';
import { receiptTranscript } from '../../printer-templates/receipt/layout';
import { SAMPLE_RECEIPTS } from '../../printer-templates/fixtures/receipts';
import { encodeReceipt, withinKsX1001 } from './encode';
import { PaperInterpreter, type PrintedReceipt } from './paper';
import { EscPosParser } from './parser';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(' ') ?? '';

/** Reads bytes back as the printer would, in chunks of `chunk` bytes (commands split across reads). */
function readBack(bytes: Uint8Array, chunk = bytes.length): PrintedReceipt[] {
  const parser = new EscPosParser();
  const paper = new PaperInterpreter();
  const receipts: PrintedReceipt[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    for (const command of parser.push(bytes.slice(offset, offset + chunk))) {
      const receipt = paper.apply(command);
      if (receipt) receipts.push(receipt);
    }
  }
  return receipts;
}

const tiny: Receipt = {
  kind: 'transaction',
  blocks: [
    { kind: 'text', text: '가', align: 'center', style: { bold: true } },
    { kind: 'qr', data: 'AB' },
  ],
};

describe('receipt encoder', () => {
  it('writes init, Korean mode, a styled CP949 line, a QR and a partial cut (golden bytes)', () => {
    expect(hex(encodeReceipt(tiny, { korean: 'native' }))).toBe(
      [
        '1B 40', // initialise
        '1B 74 00 1C 26 1B 52 0D', // Korean double-byte mode
        '1B 61 01 1B 21 08 1C 21 00 1B 45 01 B0 A1 0A', // centre, bold, 가, LF
        '1B 61 01 1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 05 00 31 50 30 41 42 1D 28 6B 03 00 31 51 30 1B 61 00',
        '1B 21 00 1B 45 00 1B 61 00', // reset styles
        '1D 56 42 60', // feed 96 dots, partial cut
      ].join(' '),
    );
  });

  it.each(Object.entries(SAMPLE_RECEIPTS))('%s: the printer reads back exactly the laid-out text (native Korean)', (_kind, make) => {
    const receipt = make();
    const [printed, ...rest] = readBack(encodeReceipt(receipt, { korean: 'native' }), 7);
    expect(rest).toEqual([]);
    expect(printed?.complete).toBe(true);
    expect(printed?.cut).toBe('partial');
    expect(printed?.text).toBe(receiptTranscript(receipt));
  });

  it('reads the won sign back as ￦ and amounts in 원', () => {
    const [printed] = readBack(encodeReceipt(SAMPLE_RECEIPTS['test-page'](), { korean: 'native' }));
    expect(printed?.text).toContain('금액 표시: ￦1,000 / 1,000원 / ￦2,000');
    expect(printed?.text).not.toContain('?');
  });

  it('keeps styles: the title is double size and bold, centred', () => {
    const [printed] = readBack(encodeReceipt(SAMPLE_RECEIPTS.transaction(), { korean: 'native' }));
    expect(printed?.items[0]).toEqual({ kind: 'text', text: '영 수 증', align: 'center', bold: true, underline: false, doubleWidth: true, doubleHeight: true });
  });

  it('raster mode draws every non-ASCII line as an image and keeps ASCII lines as text', () => {
    const receipt: Receipt = {
      kind: 'test-page',
      blocks: [
        { kind: 'text', text: 'TEST 123' },
        { kind: 'text', text: '영수증', style: { size: 'large' } },
        { kind: 'barcode', data: 'T-1' },
      ],
    };
    const bytes = encodeReceipt(receipt, { korean: 'raster' });
    expect(hex(bytes.slice(2, 5))).not.toBe('1B 74 00');
    const [printed] = readBack(bytes);
    expect(printed?.items.map((item) => item.kind)).toEqual(['text', 'image', 'barcode']);
    expect(printed?.text).toBe('TEST 123\n[IMAGE 576x48]\n[CODE128] T-1');
    const image = printed?.items[1];
    if (image?.kind !== 'image') throw new Error('expected an image');
    expect(image.data.some((byte) => byte !== 0)).toBe(true);
  });

  it('draws a line as an image even in native mode when a syllable is outside KS X 1001', () => {
    const receipt: Receipt = { kind: 'transaction', blocks: [{ kind: 'text', text: '똠양꿍' }, { kind: 'text', text: '가나다' }] };
    const [printed] = readBack(encodeReceipt(receipt, { korean: 'native' }));
    expect(printed?.text).toBe('[IMAGE 576x24]\n가나다');
  });

  it('knows KS X 1001 from the CP949 extension', () => {
    expect(withinKsX1001(Uint8Array.of(0xb0, 0xa1))).toBe(true);
    expect(withinKsX1001(Uint8Array.of(0x8c, 0x63))).toBe(false);
  });
});
