import type PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';

/**
 * The verification QR as vector squares (no bitmap: it stays sharp on any printer and costs a few hundred bytes).
 * Error correction M survives the smudges of a handled paper; a quiet zone of four modules is left white around
 * it, as ISO/IEC 18004 requires for scanners to find the symbol.
 */
export const QR_QUIET_ZONE_MODULES = 4;

export function qrModules(text: string): { size: number; dark(row: number, column: number): boolean } {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = symbol.modules;
  return { size, dark: (row, column) => data[row * size + column] === 1 };
}

/** Draws the symbol so that it, with its quiet zone, fills `outer` points square at (x, y). */
export function drawQr(doc: InstanceType<typeof PDFDocument>, text: string, x: number, y: number, outer: number): void {
  const { size, dark } = qrModules(text);
  const module = outer / (size + 2 * QR_QUIET_ZONE_MODULES);
  const left = x + QR_QUIET_ZONE_MODULES * module;
  const top = y + QR_QUIET_ZONE_MODULES * module;
  doc.save();
  doc.rect(x, y, outer, outer).fillColor('#FFFFFF').fill();
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!dark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && dark(row, column)) column++;
      // A hair of overlap closes the seams a rasteriser may leave between adjacent squares.
      doc.rect(left + start * module, top + row * module, (column - start) * module + 0.05, module + 0.05);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}
