/**
 * Terminal columns for mixed Korean and Latin text: Hangul and CJK characters take two cells in a terminal, so
 * tables padded by string length would not line up.
 */
export function terminalWidth(text: string): number {
  let cells = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    cells += wide ? 2 : 1;
  }
  return cells;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - terminalWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - terminalWidth(text))) + text;
}

/** Cut to `width` cells, marking the cut. */
export function fit(text: string, width: number): string {
  if (terminalWidth(text) <= width) return text;
  let out = '';
  for (const character of text) {
    if (terminalWidth(out + character) > width - 1) break;
    out += character;
  }
  return `${out}…`;
}

export const number = (value: number) => value.toLocaleString('en-US');

/** "+11.4%", "-3.0%", "new" (nothing last year), "0.0%". */
export function change(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '-' : 'new';
  const percent = ((current - previous) / previous) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

/** Renders rows as aligned columns; `right` marks the numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const widths = header.map((title, column) => Math.max(terminalWidth(title), ...rows.map((row) => terminalWidth(row[column] ?? ''))));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (right.has(column) ? padStart(cell, widths[column] ?? 0) : padEnd(cell, widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
