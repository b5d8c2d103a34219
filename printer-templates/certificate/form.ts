import type PDFDocument from 'pdfkit';
import {
  CELL_PAD_X,
  CELL_PAD_Y,
  CONTENT_BOTTOM,
  CONTENT_LEFT,
  CONTENT_TOP,
  CONTENT_WIDTH,
  FONT_SIZE,
  HEADING_FILL,
  INK,
  LABEL_FILL,
  RULE,
} from './geometry';

/**
 * The flowing part of a certificate: sections, label/value grids and bordered tables, laid out top to bottom with
 * automatic page breaks (a table repeats its header row on the next page). Headers and footers are drawn later,
 * once the page count is known (render.ts), so this writer only keeps the content area free of them.
 */
export type Align = 'left' | 'center' | 'right';

export type TableColumn = {
  readonly header: string;
  /** Relative width; the columns share the content width in proportion. */
  readonly weight: number;
  readonly align?: Align;
};

export type Field = readonly [label: string, value: string];

export type FontName = 'regular' | 'bold';

const LINE_WIDTH = 0.6;
const LABEL_WIDTH = 78;
/** Rows shorter than this never start at the very bottom of a page (no orphaned half row). */
const MIN_ROW_HEIGHT = 14;

export class FormWriter {
  y = CONTENT_TOP;

  constructor(private readonly doc: InstanceType<typeof PDFDocument>) {}

  get pageBottom(): number {
    return CONTENT_BOTTOM;
  }

  /** Starts a new page when `height` points do not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = CONTENT_TOP;
  }

  space(points: number): void {
    this.y = Math.min(this.y + points, CONTENT_BOTTOM);
  }

  /** Height of `text` wrapped in `width` at `size` in the given weight. */
  measure(text: string, width: number, size: number, font: FontName = 'regular'): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text.length > 0 ? text : ' ', { width, lineGap: 0.6 });
  }

  write(text: string, x: number, y: number, width: number, size: number, options: { font?: FontName; align?: Align; color?: string } = {}): void {
    this.doc
      .font(options.font ?? 'regular')
      .fontSize(size)
      .fillColor(options.color ?? INK)
      .text(text, x, y, { width, align: options.align ?? 'left', lineGap: 0.6, lineBreak: true });
  }

  /** A shaded bar naming the part of the record that follows ("세대 구성원", "갑구" …). */
  heading(text: string): void {
    const height = this.measure(text, CONTENT_WIDTH - 2 * CELL_PAD_X, FONT_SIZE.heading, 'bold') + 2 * CELL_PAD_Y;
    // Keep a heading with at least one row of what it introduces.
    this.ensure(height + 2 * MIN_ROW_HEIGHT);
    this.doc.rect(CONTENT_LEFT, this.y, CONTENT_WIDTH, height).fillColor(HEADING_FILL).fill();
    this.doc.rect(CONTENT_LEFT, this.y, CONTENT_WIDTH, height).lineWidth(LINE_WIDTH).strokeColor(RULE).stroke();
    this.write(`■ ${text}`, CONTENT_LEFT + CELL_PAD_X, this.y + CELL_PAD_Y, CONTENT_WIDTH - 2 * CELL_PAD_X, FONT_SIZE.heading, { font: 'bold' });
    this.y += height;
  }

  /**
   * Rows of label/value pairs in bordered cells, like the upper part of a paper form. Each row shares the width
   * among its pairs; a row never splits across pages.
   */
  fields(rows: readonly (readonly Field[])[]): void {
    for (const row of rows) {
      if (row.length === 0) continue;
      const pairWidth = CONTENT_WIDTH / row.length;
      const valueWidth = pairWidth - LABEL_WIDTH;
      let height = MIN_ROW_HEIGHT;
      for (const [label, value] of row) {
        height = Math.max(
          height,
          this.measure(label, LABEL_WIDTH - 2 * CELL_PAD_X, FONT_SIZE.body, 'bold') + 2 * CELL_PAD_Y,
          this.measure(value, valueWidth - 2 * CELL_PAD_X, FONT_SIZE.body) + 2 * CELL_PAD_Y,
        );
      }
      this.ensure(height);
      row.forEach(([label, value], index) => {
        const x = CONTENT_LEFT + index * pairWidth;
        this.doc.rect(x, this.y, LABEL_WIDTH, height).fillColor(LABEL_FILL).fill();
        this.doc.rect(x, this.y, LABEL_WIDTH, height).lineWidth(LINE_WIDTH).strokeColor(RULE).stroke();
        this.doc.rect(x + LABEL_WIDTH, this.y, valueWidth, height).lineWidth(LINE_WIDTH).strokeColor(RULE).stroke();
        this.write(label, x + CELL_PAD_X, this.y + CELL_PAD_Y, LABEL_WIDTH - 2 * CELL_PAD_X, FONT_SIZE.body, { font: 'bold', align: 'center' });
        this.write(value, x + LABEL_WIDTH + CELL_PAD_X, this.y + CELL_PAD_Y, valueWidth - 2 * CELL_PAD_X, FONT_SIZE.body);
      });
      this.y += height;
    }
  }

  /** A bordered table; rows that do not fit move to the next page, where the header row is repeated. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: { empty?: string } = {}): void {
    const total = columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = columns.map((column) => (column.weight / total) * CONTENT_WIDTH);
    const headerHeight = Math.max(
      MIN_ROW_HEIGHT,
      ...columns.map((column, i) => this.measure(column.header, (widths[i] ?? 0) - 2 * CELL_PAD_X, FONT_SIZE.body, 'bold') + 2 * CELL_PAD_Y),
    );
    const drawHeader = () => {
      let x = CONTENT_LEFT;
      columns.forEach((column, i) => {
        const width = widths[i] ?? 0;
        this.doc.rect(x, this.y, width, headerHeight).fillColor(LABEL_FILL).fill();
        this.doc.rect(x, this.y, width, headerHeight).lineWidth(LINE_WIDTH).strokeColor(RULE).stroke();
        this.write(column.header, x + CELL_PAD_X, this.y + CELL_PAD_Y, width - 2 * CELL_PAD_X, FONT_SIZE.body, { font: 'bold', align: 'center' });
        x += width;
      });
      this.y += headerHeight;
    };
    const body = rows.length > 0 ? rows : [[options.empty ?? '해당 사항 없음']];
    const spanning = rows.length === 0;
    this.ensure(headerHeight + MIN_ROW_HEIGHT);
    drawHeader();
    for (const row of body) {
      const cellWidths = spanning ? [CONTENT_WIDTH] : widths;
      const height = Math.max(
        MIN_ROW_HEIGHT,
        ...row.map((cell, i) => this.measure(cell, (cellWidths[i] ?? 0) - 2 * CELL_PAD_X, FONT_SIZE.body) + 2 * CELL_PAD_Y),
      );
      if (this.y + height > CONTENT_BOTTOM) {
        this.newPage();
        drawHeader();
      }
      let x = CONTENT_LEFT;
      row.forEach((cell, i) => {
        const width = cellWidths[i] ?? 0;
        this.doc.rect(x, this.y, width, height).lineWidth(LINE_WIDTH).strokeColor(RULE).stroke();
        const align = spanning ? 'center' : (columns[i]?.align ?? 'left');
        this.write(cell, x + CELL_PAD_X, this.y + CELL_PAD_Y, width - 2 * CELL_PAD_X, FONT_SIZE.body, { align });
        x += width;
      });
      this.y += height;
    }
  }

  paragraph(text: string, options: { size?: number; font?: FontName; align?: Align; indent?: number } = {}): void {
    const size = options.size ?? FONT_SIZE.body;
    const indent = options.indent ?? 0;
    const height = this.measure(text, CONTENT_WIDTH - indent, size, options.font);
    this.ensure(height);
    this.write(text, CONTENT_LEFT + indent, this.y, CONTENT_WIDTH - indent, size, { font: options.font, align: options.align });
    this.y += height;
  }

  /** Remarks in the official style, each led by ※. */
  notes(lines: readonly string[]): void {
    for (const line of lines) this.paragraph(`※ ${line}`, { size: FONT_SIZE.small, indent: 2 });
  }

  /** Direct access for the page frame (title block, seal); content code uses the methods above. */
  get pdf(): InstanceType<typeof PDFDocument> {
    return this.doc;
  }
}
