import PDFDocument from 'pdfkit';
import { typefaces } from '../../printer-templates/fonts';

/**
 * The A4 printer's test page: Korean text in the certificate typeface, a frame 10 mm inside the edge and corner marks
 * (to see whether the security paper's pre-printed border and the print line up), and grey steps (toner). One sheet.
 */
const MM = 72 / 25.4;

export async function a4TestPagePdf(input: { readonly kioskId: string; readonly kioskName: string; readonly printedAt: Date }): Promise<Uint8Array> {
  const fonts = typefaces();
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: 'A4 시험 인쇄', Creator: 'kiosk-terminal', Producer: 'kiosk-terminal', CreationDate: input.printedAt } });
  // pdfkit takes a parsed fontkit font; its types only list file names and buffers.
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = 210 * MM;
  const height = 297 * MM;
  doc.lineWidth(0.8).rect(10 * MM, 10 * MM, width - 20 * MM, height - 20 * MM).stroke();
  for (const [x, y] of [
    [5, 5],
    [205, 5],
    [5, 292],
    [205, 292],
  ] as const) {
    doc.moveTo((x - 3) * MM, y * MM).lineTo((x + 3) * MM, y * MM).moveTo(x * MM, (y - 3) * MM).lineTo(x * MM, (y + 3) * MM).stroke();
  }
  doc.font('bold').fontSize(28).text('A4 프린터 시험 인쇄', 20 * MM, 30 * MM, { width: width - 40 * MM, align: 'center' });
  doc.font('regular').fontSize(12);
  doc.text(`${input.kioskName} (${input.kioskId})`, 20 * MM, 50 * MM, { width: width - 40 * MM, align: 'center' });
  const stamp = input.printedAt.toISOString().replace('T', ' ').slice(0, 19);
  doc.text(`인쇄 일시 ${stamp} UTC`, { width: width - 40 * MM, align: 'center' });
  doc.moveDown(2);
  doc.fontSize(11).text('가나다라마바사아자차카타파하 ABCDEFG abcdefg 0123456789 ₩1,000 ※ ① ② ○ ●', 20 * MM, 80 * MM, { width: width - 40 * MM });
  doc.moveDown();
  doc.text('테두리 선이 용지의 보안 인쇄 테두리 안에 들어오고, 네 모서리 표시가 모두 보이면 정상입니다.', { width: width - 40 * MM });
  doc.text('회색 막대가 고르게 진하기를 바꾸면 토너가 정상입니다.', { width: width - 40 * MM });
  for (let step = 0; step < 10; step++) {
    const grey = Math.round(255 - step * 25);
    doc.rect(20 * MM + step * 17 * MM, 130 * MM, 17 * MM, 20 * MM).fill([grey, grey, grey]);
  }
  doc.fillColor('black');
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
