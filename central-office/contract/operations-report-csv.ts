import { findDocument } from '../../catalog';
import type { OperationsReport } from './operations-report';

/**
 * The operators' report as CSV for a spreadsheet: one row per document type (the district report's table turned on
 * its side), then a TOTAL row. Shared by `kiosk report --format csv` and the operator page's download.
 */
const scopeOf = (report: OperationsReport) => (report.kioskIds.length === 1 ? (report.kioskIds[0] ?? '') : 'all');

export const CSV_COLUMNS = [
  'period',
  'from',
  'to',
  'kiosk',
  'document_no',
  'document_code',
  'document_name',
  'issuances',
  'copies',
  'pages',
  'fees_won',
  'last_year_from',
  'last_year_to',
  'last_year_issuances',
] as const;

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV for a spreadsheet. UTF-8 with a byte-order mark, which is what makes Excel on a Korean Windows read Hangul
 * correctly; a `TOTAL` row ends the table.
 */
export function reportCsv(report: OperationsReport): string {
  const common = [report.period, report.window.from, report.window.to, scopeOf(report)];
  const rows = report.documents.map((row) => [
    ...common,
    findDocument(row.documentCode)?.no ?? '',
    row.documentCode,
    row.name.ko,
    row.issuances,
    row.copies,
    row.pages,
    row.fees,
    report.lastYear.from,
    report.lastYear.to,
    row.lastYearIssuances,
  ]);
  const totals = report.totals;
  rows.push([...common, '', 'TOTAL', '계', totals.issuances, totals.copies, totals.pages, totals.fees, report.lastYear.from, report.lastYear.to, totals.lastYearIssuances]);
  const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

