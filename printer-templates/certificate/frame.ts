import type PDFDocument from 'pdfkit';
import type { IssuingAuthority } from '../../catalog/records';
import type { PrintedTime } from './dates';
import type { FormWriter } from './form';
import {
  CONTENT_LEFT,
  CONTENT_RIGHT,
  CONTENT_TOP,
  CONTENT_WIDTH,
  FONT_SIZE,
  FOOTER_HEIGHT,
  FOOTER_TOP,
  INK,
  MARGIN_TOP,
  RULE,
} from './geometry';
import { drawQr } from './qr';
import { drawSeal } from './seal';

/**
 * What is printed on every page around the record: the header strip, the title block (page 1), the certification
 * with the seal (last page), and the verification band (every page).
 */
export type PageFrame = {
  readonly title: string;
  readonly issuanceNumber: string;
  readonly verificationNumber: string;
  readonly qrText: string;
  readonly issued: PrintedTime;
  readonly kioskId: string;
  readonly kioskName: string;
  readonly authority: IssuingAuthority;
};

type Doc = InstanceType<typeof PDFDocument>;

const QR_SIZE = 84;
const FOOTER_SEAL_SIZE = 40;
const CERTIFICATION_SEAL_SIZE = 58;

export const UNATTENDED_KIOSK_STATEMENT =
  '이 증명서는 무인민원발급기에서 발급되었습니다. 문서확인번호 또는 QR코드로 발급 사실과 위·변조 여부를 확인할 수 있습니다.';

export function drawTitleBlock(form: FormWriter, title: string, subtitle: string | null): void {
  const doc = form.pdf;
  const top = CONTENT_TOP + 2;
  const titleHeight = form.measure(title, CONTENT_WIDTH, FONT_SIZE.title, 'bold');
  const subtitleHeight = subtitle ? form.measure(subtitle, CONTENT_WIDTH, FONT_SIZE.subtitle) + 3 : 0;
  const boxHeight = titleHeight + subtitleHeight + 18;
  doc.lineWidth(1.6).strokeColor(INK).moveTo(CONTENT_LEFT, top).lineTo(CONTENT_RIGHT, top).stroke();
  doc.lineWidth(0.5).moveTo(CONTENT_LEFT, top + 2.5).lineTo(CONTENT_RIGHT, top + 2.5).stroke();
  form.write(title, CONTENT_LEFT, top + 9, CONTENT_WIDTH, FONT_SIZE.title, { font: 'bold', align: 'center' });
  if (subtitle) form.write(subtitle, CONTENT_LEFT, top + 9 + titleHeight + 3, CONTENT_WIDTH, FONT_SIZE.subtitle, { align: 'center' });
  const bottom = top + boxHeight;
  doc.lineWidth(0.5).moveTo(CONTENT_LEFT, bottom - 2.5).lineTo(CONTENT_RIGHT, bottom - 2.5).stroke();
  doc.lineWidth(1.6).moveTo(CONTENT_LEFT, bottom).lineTo(CONTENT_RIGHT, bottom).stroke();
  form.y = bottom + 10;
}

/** The certifying sentence, the date and the authority with its seal, kept together on the last page. */
export function drawCertification(form: FormWriter, statement: string, frame: PageFrame): void {
  const statementHeight = form.measure(statement, CONTENT_WIDTH, FONT_SIZE.body + 1);
  // Official forms close the record with this mark so that nothing can be added below it.
  form.space(4);
  form.paragraph('- 이 하 여 백 -', { size: FONT_SIZE.small, align: 'center' });
  form.space(10);
  form.ensure(statementHeight + 24 + CERTIFICATION_SEAL_SIZE + 6);
  form.write(statement, CONTENT_LEFT, form.y, CONTENT_WIDTH, FONT_SIZE.body + 1, { align: 'center' });
  form.y += statementHeight + 8;
  form.write(frame.issued.longDate, CONTENT_LEFT, form.y, CONTENT_WIDTH, FONT_SIZE.body + 1.4, { align: 'center' });
  form.y += 18;
  const doc = form.pdf;
  const nameSize = 15;
  doc.font('bold').fontSize(nameSize);
  const nameWidth = doc.widthOfString(frame.authority.name);
  const nameX = CONTENT_LEFT + (CONTENT_WIDTH - nameWidth) / 2;
  const nameY = form.y + (CERTIFICATION_SEAL_SIZE - nameSize) / 2;
  form.write(frame.authority.name, nameX - 20, nameY, nameWidth + 40, nameSize, { font: 'bold', align: 'center' });
  // The seal overlaps the end of the title as on paper forms (직인 날인 위치).
  drawSeal(doc, frame.authority.name, nameX + nameWidth - CERTIFICATION_SEAL_SIZE * 0.3, form.y, CERTIFICATION_SEAL_SIZE);
  form.y += CERTIFICATION_SEAL_SIZE + 6;
}

function drawHeader(doc: Doc, frame: PageFrame, page: number, pages: number): void {
  const y = MARGIN_TOP;
  doc.font('regular').fontSize(FONT_SIZE.small).fillColor(INK);
  doc.text(`발급번호 : ${frame.issuanceNumber}`, CONTENT_LEFT, y, { width: CONTENT_WIDTH / 3, lineBreak: false });
  if (page > 1) {
    doc.font('bold').text(`${frame.title} (계속)`, CONTENT_LEFT + CONTENT_WIDTH / 3, y, { width: CONTENT_WIDTH / 3, align: 'center', lineBreak: false });
  }
  doc.font('bold').fontSize(FONT_SIZE.small + 0.6).text(`${page} / ${pages}`, CONTENT_LEFT + (2 * CONTENT_WIDTH) / 3, y, {
    width: CONTENT_WIDTH / 3,
    align: 'right',
    lineBreak: false,
  });
  doc.lineWidth(0.4).strokeColor(RULE).moveTo(CONTENT_LEFT, y + 12).lineTo(CONTENT_RIGHT, y + 12).stroke();
}

function drawFooter(doc: Doc, frame: PageFrame): void {
  const top = FOOTER_TOP;
  doc.lineWidth(1.2).strokeColor(INK).moveTo(CONTENT_LEFT, top).lineTo(CONTENT_RIGHT, top).stroke();
  const qrY = top + (FOOTER_HEIGHT - QR_SIZE) / 2;
  drawQr(doc, frame.qrText, CONTENT_LEFT - 4, qrY, QR_SIZE);
  const textX = CONTENT_LEFT + QR_SIZE + 4;
  const sealBlock = 150;
  const textWidth = CONTENT_WIDTH - QR_SIZE - 4 - sealBlock;
  let y = top + 10;
  const line = (label: string, value: string, bold = false) => {
    doc.font('bold').fontSize(FONT_SIZE.footer).fillColor(INK).text(label, textX, y, { width: 58, lineBreak: false });
    doc.font(bold ? 'bold' : 'regular').fontSize(bold ? FONT_SIZE.footer + 1.6 : FONT_SIZE.footer);
    doc.text(value, textX + 58, y - (bold ? 1.2 : 0), { width: textWidth - 58, lineBreak: false });
    y += bold ? 14 : 11.5;
  };
  line('문서확인번호', frame.verificationNumber, true);
  line('발급번호', frame.issuanceNumber);
  line('발급일시', `${frame.issued.dateTime} (KST)`);
  line('발급기', `${frame.kioskId} · ${frame.kioskName}`);
  doc.font('regular').fontSize(FONT_SIZE.small).fillColor(INK);
  doc.text(UNATTENDED_KIOSK_STATEMENT, textX, y + 2, { width: textWidth - 6, lineGap: 0.5 });

  const sealX = CONTENT_RIGHT - FOOTER_SEAL_SIZE;
  const sealY = top + 18;
  doc.font('regular').fontSize(FONT_SIZE.small).text('발급기관', CONTENT_RIGHT - sealBlock, top + 10, { width: sealBlock - FOOTER_SEAL_SIZE - 6, align: 'right', lineBreak: false });
  doc.font('bold').fontSize(FONT_SIZE.footer + 1.2).text(frame.authority.name, CONTENT_RIGHT - sealBlock, sealY + FOOTER_SEAL_SIZE / 2 - 5, {
    width: sealBlock - FOOTER_SEAL_SIZE - 6,
    align: 'right',
    lineBreak: false,
  });
  drawSeal(doc, frame.authority.name, sealX, sealY, FOOTER_SEAL_SIZE);
}

/** Draws header and footer on every buffered page; called once the page count is final. */
export function drawPageFrames(doc: Doc, frame: PageFrame): void {
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    drawHeader(doc, frame, index + 1, range.count);
    drawFooter(doc, frame);
  }
}
