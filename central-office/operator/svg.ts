import { escapeHtml } from './html';

/**
 * Charts as inline SVG, drawn on the server: the operator page loads nothing from elsewhere (no CDN, no script), so
 * it works on a district office network that reaches only the office. Each chart has a title for screen readers
 * and the same numbers in a table next to it.
 */
export const KIOSK_COLOURS = ['#256ef4', '#267337', '#8a5c00', '#bd2c0f', '#6b3fa0', '#096ab3', '#464c53', '#c2185b'] as const;

export function colourOf(index: number): string {
  return KIOSK_COLOURS[index % KIOSK_COLOURS.length] ?? '#256ef4';
}

/** A round axis maximum (1, 2, 5 × 10^n) at or above the largest value, and its tick step. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step) * step, step };
}

export type StackedColumns = {
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly colour: string; readonly values: readonly number[] }[];
};

/** Columns per day, stacked per kiosk. */
export function stackedColumnChart(chart: StackedColumns, width = 960, height = 320): string {
  const margin = { top: 16, right: 16, bottom: 56, left: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const totals = chart.labels.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const slot = plotW / Math.max(1, chart.labels.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (value: number) => margin.top + plotH - (value / scale.max) * plotH;
  const parts: string[] = [];
  for (let tick = 0; tick <= scale.max; tick += scale.step) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${(y(tick) + 5).toFixed(1)}" class="axis" text-anchor="end">${tick}</text>`);
  }
  chart.labels.forEach((label, i) => {
    const x = margin.left + i * slot + (slot - barW) / 2;
    let base = 0;
    for (const s of chart.series) {
      const value = s.values[i] ?? 0;
      if (value <= 0) continue;
      const top = y(base + value);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - top).toFixed(1)}" fill="${s.colour}"><title>${escapeHtml(`${label} ${s.name}: ${value}`)}</title></rect>`,
      );
      base += value;
    }
    if (i % 5 === 0 || i === chart.labels.length - 1) {
      parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - margin.bottom + 22}" class="axis" text-anchor="middle">${escapeHtml(label.slice(5))}</text>`);
    }
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(0)}" y2="${y(0)}" class="baseline"/>`);
  chart.series.forEach((s, i) => {
    const x = margin.left + i * 190;
    parts.push(`<rect x="${x}" y="${height - 22}" width="14" height="14" fill="${s.colour}"/>`);
    parts.push(`<text x="${x + 20}" y="${height - 10}" class="legend">${escapeHtml(s.name)}</text>`);
  });
  return svg(chart.title, width, height, parts);
}

export type PairedBars = {
  readonly title: string;
  readonly rows: readonly { readonly label: string; readonly value: number; readonly previous: number }[];
  readonly valueName: string;
  readonly previousName: string;
};

/** One row per document type: this period's bar with last year's thinner bar under it (the report's two rows). */
export function pairedBarChart(chart: PairedBars, width = 960): string {
  const rowH = 34;
  const margin = { top: 8, right: 72, bottom: 36, left: 250 };
  const height = margin.top + margin.bottom + rowH * Math.max(1, chart.rows.length);
  const plotW = width - margin.left - margin.right;
  const scale = niceScale(Math.max(0, ...chart.rows.flatMap((row) => [row.value, row.previous])));
  const x = (value: number) => margin.left + (value / scale.max) * plotW;
  const parts: string[] = [];
  chart.rows.forEach((row, i) => {
    const top = margin.top + i * rowH;
    parts.push(`<text x="${margin.left - 10}" y="${top + 17}" class="label" text-anchor="end">${escapeHtml(row.label)}</text>`);
    parts.push(`<rect x="${margin.left}" y="${top + 4}" width="${(x(row.value) - margin.left).toFixed(1)}" height="16" class="bar-now"><title>${escapeHtml(`${row.label} ${chart.valueName}: ${row.value}`)}</title></rect>`);
    parts.push(`<rect x="${margin.left}" y="${top + 22}" width="${(x(row.previous) - margin.left).toFixed(1)}" height="6" class="bar-before"><title>${escapeHtml(`${row.label} ${chart.previousName}: ${row.previous}`)}</title></rect>`);
    parts.push(`<text x="${(x(row.value) + 6).toFixed(1)}" y="${top + 17}" class="value">${row.value}</text>`);
  });
  const legendY = height - 12;
  parts.push(`<rect x="${margin.left}" y="${legendY - 12}" width="14" height="14" class="bar-now"/><text x="${margin.left + 20}" y="${legendY}" class="legend">${escapeHtml(chart.valueName)}</text>`);
  parts.push(`<rect x="${margin.left + 200}" y="${legendY - 8}" width="14" height="6" class="bar-before"/><text x="${margin.left + 220}" y="${legendY}" class="legend">${escapeHtml(chart.previousName)}</text>`);
  return svg(chart.title, width, height, parts);
}

let chartSerial = 0;
function svg(title: string, width: number, height: number, parts: readonly string[]): string {
  const id = `chart-${++chartSerial}`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}
