import type PDFDocument from 'pdfkit';
import { SEAL_RED } from './geometry';

/**
 * The issuing authority's seal (직인), drawn: a vermilion square with the authority's title and 인 in columns read
 * top to bottom, right to left, as engraved seals are. It is fictional by design — a drawn seal proves nothing;
 * the verification number does — but a paper without it does not look like the form clerks expect.
 */
export function sealText(authorityName: string): string {
  const words = authorityName.trim().split(/\s+/);
  const title = words[words.length - 1] ?? authorityName;
  return `${title}인`.slice(0, 9);
}

export function drawSeal(doc: InstanceType<typeof PDFDocument>, authorityName: string, x: number, y: number, size: number): void {
  const characters = [...sealText(authorityName)];
  const rows = characters.length <= 4 ? 2 : 3;
  const columns = Math.ceil(characters.length / rows);
  const inset = size * 0.1;
  const cellWidth = (size - 2 * inset) / columns;
  const cellHeight = (size - 2 * inset) / rows;
  const glyph = Math.min(cellWidth, cellHeight) * 0.86;
  doc.save();
  doc.opacity(0.88);
  doc.lineWidth(size * 0.05).strokeColor(SEAL_RED).rect(x, y, size, size).stroke();
  doc.lineWidth(size * 0.015).rect(x + size * 0.055, y + size * 0.055, size * 0.89, size * 0.89).stroke();
  doc.font('bold').fontSize(glyph).fillColor(SEAL_RED);
  characters.forEach((character, index) => {
    const column = Math.floor(index / rows);
    const row = index % rows;
    const cellX = x + size - inset - (column + 1) * cellWidth;
    const cellY = y + inset + row * cellHeight;
    doc.text(character, cellX, cellY + (cellHeight - glyph) / 2 - glyph * 0.08, { width: cellWidth, align: 'center', lineBreak: false });
  });
  doc.restore();
}
