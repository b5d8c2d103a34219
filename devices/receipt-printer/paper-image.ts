import bwipjs from 'bwip-js/node';
import { qrModules } from '../../printer-templates/certificate/qr';
import { RECEIPT_DOTS_PER_LINE } from '../../printer-templates/receipt/document';
import { blankBitmap, dotAt, rasterizeLine, setDot, type Bitmap } from '../../printer-templates/receipt/raster';
import type { PrintedItem, PrintedReceipt } from './paper';

/**
 * A picture of the paper the simulated printer produced: each decoded line drawn at the printer's resolution
 * (8 dots/mm, 576 dots across 80 mm paper), codes and images as they would come out. Text is drawn in
 * PretendardGOV, not in the printer's own ROM font, so the look of the letters differs from a real slip; the
 * layout, sizes and codes do not. Used for docs/images and the simulator's "what was printed" view.
 */
export const LINE_SPACING_DOTS = 6;
const BARCODE_HEIGHT_DOTS = 64;
const BARCODE_MODULE_DOTS = 2;
const CUT_MARGIN_DOTS = 24;

function blit(target: Bitmap, source: Bitmap, left: number, top: number): void {
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < source.width; x++) if (dotAt(source, x, y)) setDot(target, left + x, top + y);
  }
}

function qrBitmap(data: string, moduleSize: number): Bitmap {
  const { size, dark } = qrModules(data);
  const bitmap = blankBitmap(size * moduleSize, size * moduleSize);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!dark(row, column)) continue;
      for (let y = 0; y < moduleSize; y++) for (let x = 0; x < moduleSize; x++) setDot(bitmap, column * moduleSize + x, row * moduleSize + y);
    }
  }
  return bitmap;
}

function barcodeBitmap(data: string): Bitmap {
  const [symbol] = bwipjs.raw('code128', data, {}) as { sbs?: number[] }[];
  const widths = symbol?.sbs ?? [];
  const total = widths.reduce((sum, width) => sum + width, 0) * BARCODE_MODULE_DOTS;
  const bars = blankBitmap(Math.min(total, RECEIPT_DOTS_PER_LINE), BARCODE_HEIGHT_DOTS);
  let x = 0;
  widths.forEach((width, index) => {
    const dots = width * BARCODE_MODULE_DOTS;
    // sbs alternates bar, space, bar … starting with a bar.
    if (index % 2 === 0) for (let dx = 0; dx < dots; dx++) for (let y = 0; y < BARCODE_HEIGHT_DOTS; y++) setDot(bars, x + dx, y);
    x += dots;
  });
  const text = rasterizeLine(data, { width: bars.width, align: 'center' });
  const bitmap = blankBitmap(bars.width, bars.height + 4 + text.height);
  blit(bitmap, bars, 0, 0);
  blit(bitmap, text, 0, bars.height + 4);
  return bitmap;
}

function itemBitmap(item: PrintedItem): { bitmap: Bitmap; centred: boolean } {
  switch (item.kind) {
    case 'text':
      return {
        bitmap: rasterizeLine(item.text, {
          width: RECEIPT_DOTS_PER_LINE,
          align: item.align,
          bold: item.bold,
          underline: item.underline,
          doubleWidth: item.doubleWidth,
          doubleHeight: item.doubleHeight,
        }),
        centred: false,
      };
    case 'image': {
      const bitmap: Bitmap = { width: item.widthBytes * 8, height: item.height, widthBytes: item.widthBytes, data: item.data };
      return { bitmap, centred: false };
    }
    case 'qr':
      return { bitmap: qrBitmap(item.data, item.moduleSize), centred: true };
    case 'barcode':
      return { bitmap: barcodeBitmap(item.data), centred: true };
  }
}

export function paperImage(receipt: PrintedReceipt): Bitmap {
  const parts = receipt.items.map(itemBitmap);
  const height = parts.reduce((sum, part) => sum + part.bitmap.height + LINE_SPACING_DOTS, 0) + CUT_MARGIN_DOTS + 2;
  const paper = blankBitmap(RECEIPT_DOTS_PER_LINE, height);
  let y = 0;
  for (const part of parts) {
    const left = part.centred ? Math.max(0, Math.floor((RECEIPT_DOTS_PER_LINE - part.bitmap.width) / 2)) : 0;
    blit(paper, part.bitmap, left, y);
    y += part.bitmap.height + LINE_SPACING_DOTS;
  }
  if (receipt.cut) {
    // The cut, drawn as a dashed line.
    const cutY = y + CUT_MARGIN_DOTS;
    for (let x = 0; x < RECEIPT_DOTS_PER_LINE; x++) if (x % 12 < 6) setDot(paper, x, cutY);
  }
  return paper;
}
