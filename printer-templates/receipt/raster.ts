import type { PathCommand } from 'fontkit';
import { typefaces } from '../fonts';

/**
 * Text drawn as dots in our typeface, for receipt printers without a Korean font (ESC/POS raster fallback) and for
 * the paper images of the printer simulator. A small scanline filler over fontkit's glyph outlines (non-zero
 * winding, one sample per dot): at 24 dots per line a thermal head has no grey to anti-alias with anyway.
 */
export type Bitmap = {
  readonly width: number;
  readonly height: number;
  /** Bytes per row; each byte holds 8 dots, most significant bit leftmost (ESC/POS GS v 0 order). */
  readonly widthBytes: number;
  readonly data: Uint8Array;
};

export function blankBitmap(width: number, height: number): Bitmap {
  const widthBytes = Math.ceil(width / 8);
  return { width, height, widthBytes, data: new Uint8Array(widthBytes * height) };
}

export function setDot(bitmap: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const index = y * bitmap.widthBytes + (x >> 3);
  bitmap.data[index] = (bitmap.data[index] ?? 0) | (0x80 >> (x & 7));
}

export function dotAt(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return ((bitmap.data[y * bitmap.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

type Edge = { x0: number; y0: number; x1: number; y1: number };

const CURVE_STEPS = 8;

function flatten(commands: readonly PathCommand[], transform: (x: number, y: number) => [number, number], edges: Edge[]): void {
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const lineTo = (nx: number, ny: number) => {
    const [ax, ay] = transform(x, y);
    const [bx, by] = transform(nx, ny);
    if (ay !== by) edges.push({ x0: ax, y0: ay, x1: bx, y1: by });
    x = nx;
    y = ny;
  };
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo':
        if (x !== startX || y !== startY) lineTo(startX, startY);
        x = startX = args[0] ?? 0;
        y = startY = args[1] ?? 0;
        break;
      case 'lineTo':
        lineTo(args[0] ?? 0, args[1] ?? 0);
        break;
      case 'quadraticCurveTo': {
        const [cx = 0, cy = 0, ex = 0, ey = 0] = args;
        const sx = x;
        const sy = y;
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const t = i / CURVE_STEPS;
          const u = 1 - t;
          lineTo(u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x = 0, c1y = 0, c2x = 0, c2y = 0, ex = 0, ey = 0] = args;
        const sx = x;
        const sy = y;
        for (let i = 1; i <= CURVE_STEPS; i++) {
          const t = i / CURVE_STEPS;
          const u = 1 - t;
          lineTo(
            u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
            u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey,
          );
        }
        break;
      }
      case 'closePath':
        lineTo(startX, startY);
        break;
    }
  }
  if (x !== startX || y !== startY) lineTo(startX, startY);
}

function fill(bitmap: Bitmap, edges: readonly Edge[]): void {
  for (let row = 0; row < bitmap.height; row++) {
    const yc = row + 0.5;
    const crossings: { x: number; winding: number }[] = [];
    for (const edge of edges) {
      const down = edge.y0 <= yc && yc < edge.y1;
      const up = edge.y1 <= yc && yc < edge.y0;
      if (!down && !up) continue;
      const t = (yc - edge.y0) / (edge.y1 - edge.y0);
      crossings.push({ x: edge.x0 + t * (edge.x1 - edge.x0), winding: down ? 1 : -1 });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    let runStart = 0;
    for (const crossing of crossings) {
      const before = winding;
      winding += crossing.winding;
      if (before === 0 && winding !== 0) runStart = crossing.x;
      else if (before !== 0 && winding === 0) {
        for (let x = Math.ceil(runStart - 0.5); x <= Math.floor(crossing.x - 0.5); x++) setDot(bitmap, x, row);
      }
    }
  }
}

export type RasterTextOptions = {
  /** Dots per line; 576 on an 80 mm head. */
  readonly width: number;
  /** Dots for a normal line (24), doubled for double height. */
  readonly lineHeight?: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  readonly doubleWidth?: boolean;
  readonly doubleHeight?: boolean;
  readonly underline?: boolean;
};

/** Dots a character takes on a receipt printer: 12 for single-byte, 24 for double-byte (Korean) characters. */
export function characterDots(character: string, doubleWidth = false): number {
  return ((character.codePointAt(0) ?? 0) < 0x80 ? 12 : 24) * (doubleWidth ? 2 : 1);
}

/**
 * One line of text as a bitmap `width` dots wide, 24 (or 48) dots tall. Characters sit in the printer's fixed
 * cells (12 or 24 dots wide, doubled for double width), as a receipt printer's own font does, so that columns
 * padded with spaces line up; a glyph wider than its cell is narrowed to fit.
 */
export function rasterizeLine(text: string, options: RasterTextOptions): Bitmap {
  const lineHeight = (options.lineHeight ?? 24) * (options.doubleHeight ? 2 : 1);
  const bitmap = blankBitmap(options.width, lineHeight);
  const font = typefaces()[options.bold ? 'bold' : 'regular'];
  const scaleY = options.doubleHeight ? 2 : 1;
  const baseScaleX = options.doubleWidth ? 2 : 1;
  // The em is sized so that ascent to descent fills the line, as a printer's 24-dot font does.
  const unit = (options.lineHeight ?? 24) / (font.ascent - font.descent);
  const characters = [...text];
  const total = characters.reduce((sum, character) => sum + characterDots(character, options.doubleWidth), 0);
  let cellX = options.align === 'center' ? Math.floor((options.width - total) / 2) : options.align === 'right' ? options.width - total : 0;
  cellX = Math.max(0, cellX);
  const baseline = font.ascent * unit * scaleY;
  const edges: Edge[] = [];
  for (const character of characters) {
    const cell = characterDots(character, options.doubleWidth);
    if (character !== ' ') {
      const run = font.layout(character);
      const advance = run.positions.reduce((sum, position) => sum + position.xAdvance, 0) * unit * baseScaleX;
      const scaleX = advance > cell ? (baseScaleX * cell) / advance : baseScaleX;
      let penX = cellX + Math.max(0, (cell - advance * (scaleX / baseScaleX)) / 2);
      run.glyphs.forEach((glyph, index) => {
        const position = run.positions[index];
        const originX = penX + (position?.xOffset ?? 0) * unit * scaleX;
        const originY = baseline - (position?.yOffset ?? 0) * unit * scaleY;
        flatten(glyph.path.commands, (x, y) => [originX + x * unit * scaleX, originY - y * unit * scaleY], edges);
        penX += (position?.xAdvance ?? 0) * unit * scaleX;
      });
    }
    cellX += cell;
  }
  fill(bitmap, edges);
  if (options.underline) {
    const y = Math.min(lineHeight - 1, Math.round(baseline + 2));
    for (let x = 0; x < Math.min(options.width, cellX); x++) setDot(bitmap, x, y);
  }
  return bitmap;
}
