import { findDocument } from '../../catalog';
import type { OperationsReport } from '../../central-office/contract/operations-report';
import { reportCsv } from '../../central-office/contract/operations-report-csv';
import { change, fit, number, table } from './text';

export { reportCsv, CSV_COLUMNS } from '../../central-office/contract/operations-report-csv';

/**
 * The operators' report as a terminal table, CSV (one row per document type, the district report's table turned on
 * its side so that 36 types fit a screen) or JSON (everything).
 */
export type ReportFormat = 'table' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json'];

export function formatReport(report: OperationsReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return reportCsv(report);
    case 'table':
      return reportTable(report);
  }
}

const PERIOD_WORDS = { daily: 'Daily', monthly: 'Monthly', yearly: 'Yearly' } as const;

/** Why the kiosk's own report has no claims figure (the JSON says `null`; the CSV has no money columns). */
export const CLAIMS_NOT_KNOWN =
  '* vouchers are paid at the district office, which the kiosk does not hear about: refunds claimed are in the central office report (kiosk report --kiosk or --central, or the operator page)';

export function reportTable(report: OperationsReport): string {
  const out: string[] = [];
  const scope = report.kioskIds.length === 1 ? `kiosk ${report.kioskIds[0]}` : `${report.kioskIds.length} kiosks`;
  out.push(`${PERIOD_WORDS[report.period]} report ${report.window.label} (${report.window.from} to ${report.window.to}), ${scope}, from the ${report.source === 'kiosk' ? "kiosk's own database" : 'central office'}`);
  out.push(`Compared with ${report.lastYear.label}. Times in ${report.timeZone}.`);
  out.push('');
  out.push('Issuances by document type (발급실적, 단위: 건)');
  const now = report.window.label;
  const before = report.lastYear.label;
  const documentRows = report.documents.map((row) => [
    String(findDocument(row.documentCode)?.no ?? ''),
    fit(row.name.ko, 24),
    number(row.issuances),
    number(row.lastYearIssuances),
    change(row.issuances, row.lastYearIssuances),
    number(row.copies),
    number(row.pages),
    number(row.fees),
  ]);
  const t = report.totals;
  documentRows.push(['', '계 (total)', number(t.issuances), number(t.lastYearIssuances), change(t.issuances, t.lastYearIssuances), number(t.copies), number(t.pages), number(t.fees)]);
  out.push(...table(['No', 'Document', now, before, 'change', 'copies', 'pages', 'fees (won)'], documentRows, new Set([0, 2, 3, 4, 5, 6, 7])));
  if (report.kiosks.length > 1) {
    out.push('', 'Issuances by kiosk');
    out.push(
      ...table(
        ['Kiosk', now, before, 'change', 'copies', 'fees (won)'],
        report.kiosks.map((row) => [row.kioskId, number(row.issuances), number(row.lastYearIssuances), change(row.issuances, row.lastYearIssuances), number(row.copies), number(row.fees)]),
        new Set([1, 2, 3, 4, 5]),
      ),
    );
  }
  if (report.series.length > 1) {
    out.push('', report.period === 'yearly' ? 'Issuances per month' : 'Issuances per day');
    const peak = Math.max(1, ...report.series.map((point) => point.issuances));
    for (const point of report.series) {
      const bar = '#'.repeat(Math.round((point.issuances / peak) * 40));
      out.push(`${point.bucket}  ${number(point.issuances).padStart(6)}  ${bar}`);
    }
  }
  const m = report.money;
  out.push('', 'Money (won)');
  out.push(
    ...table(
      ['', 'won'],
      [
        ['notes taken in', number(m.notesIn)],
        ['fees collected (kept)', number(m.feesKept)],
        ['change paid in coins', number(m.changePaid)],
        ['refunds paid in coins', number(m.refundsPaidInCoins)],
        ['refunds owed (vouchers issued)', number(m.refundsOwed)],
        m.refundsClaimed === null
          ? ['refunds claimed at the office', 'n/a *']
          : [`refunds claimed at the office (${number(m.vouchersClaimed ?? 0)} voucher${m.vouchersClaimed === 1 ? '' : 's'})`, number(m.refundsClaimed)],
      ],
      new Set([1]),
    ),
  );
  if (m.refundsClaimed === null) out.push(CLAIMS_NOT_KNOWN);
  const p = report.paper;
  out.push('', 'Paper');
  out.push(
    ...table(
      ['', 'count'],
      [
        ['A4 sheets in issued documents', number(p.a4SheetsIssued)],
        ['A4 sheets printed for failed documents', number(p.a4SheetsSpoiled)],
        ['documents that failed', number(p.documentsFailed)],
        ['A4 sheets loaded', number(p.a4SheetsLoaded)],
        ['receipt rolls loaded', number(p.receiptRollsLoaded)],
      ],
      new Set([1]),
    ),
  );
  out.push('', 'Device downtime');
  if (report.downtime.length === 0) out.push('no device faults in this period');
  else {
    out.push(
      ...table(
        ['Kiosk', 'Device', 'faults', 'minutes down', 'last fault', 'now'],
        report.downtime.map((row) => [row.kioskId, row.device, number(row.faults), number(row.downtimeMinutes), row.lastCode ?? '-', row.down ? 'DOWN' : 'up']),
        new Set([2, 3]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
