import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildOperationsReport, downtimeOf, lastYearWindow, reportWindow } from '../../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../central-office/demo';
import { CentralOperationsSource } from '../../central-office/operator/central-source';
import { startCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import { CSV_COLUMNS, formatReport, KioskOperationsSource } from '../../kiosk/reports';
import { openDatabase, Outbox, type KioskDatabase } from '../../kiosk/store';
import { generateDays } from './support/generate';

/**
 * Reports from a generated month of issuances (plus the same month a year earlier): the kiosk's own report and the
 * central office's, checked against independent SQL written here (UTC+9 arithmetic, not the report's code), and the
 * CSV an operator opens in a spreadsheet.
 */
const HALL = DEMO_KIOSKS[0]!;
const PNU = DEMO_KIOSKS[1]!;

let dir: string;
let db: KioskDatabase;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reports-'));
  const opened = openDatabase(path.join(dir, 'kiosk.sqlite'));
  if (!opened.ok) throw new Error(opened.error.detail);
  db = opened.value;
  generateDays(db, { kioskId: HALL.kioskId, from: '2025-11-01', days: 30, seed: 2005 });
  generateDays(db, { kioskId: HALL.kioskId, from: '2026-10-31', days: 32, seed: 6119 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Independent of the report: the local date is UTC+9 (Korea has no daylight saving), written as SQL here. */
function independentCounts(from: string, to: string): Map<string, { issuances: number; copies: number; pages: number; fees: number }> {
  const rows = db
    .prepare(
      `SELECT json_extract(payload, '$.documentCode') AS code, count(*) AS issuances, sum(json_extract(payload, '$.copies')) AS copies,
              sum(json_extract(payload, '$.pages')) AS pages, sum(json_extract(payload, '$.fee')) AS fees
       FROM outbox
       WHERE type = 'document.issued' AND date(occurred_at / 1000, 'unixepoch', '+9 hours') BETWEEN ? AND ?
       GROUP BY code`,
    )
    .all(from, to) as { code: string; issuances: number; copies: number; pages: number; fees: number }[];
  return new Map(rows.map((row) => [row.code, { issuances: row.issuances, copies: row.copies, pages: row.pages, fees: row.fees }]));
}

function independentSum(type: string, field: string, from: string, to: string): number {
  const row = db
    .prepare(`SELECT coalesce(sum(json_extract(payload, ?)), 0) AS total FROM outbox WHERE type = ? AND date(occurred_at / 1000, 'unixepoch', '+9 hours') BETWEEN ? AND ?`)
    .get(`$.${field}`, type, from, to) as { total: number };
  return row.total;
}

const NOW = Date.parse('2026-12-05T12:00:00+09:00');

describe('report windows', () => {
  it('compares a period with the same period a year earlier', () => {
    expect(reportWindow('monthly', '2026-02-10')).toEqual({ label: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(lastYearWindow('daily', '2028-02-29')).toEqual({ label: '2027-02-28', from: '2027-02-28', to: '2027-02-28' });
    expect(lastYearWindow('yearly', '2026-06-01')).toEqual({ label: '2025', from: '2025-01-01', to: '2025-12-31' });
  });

  it('counts downtime from a fault to its recovery, clipped to the window, and a device still down', () => {
    const at = (minute: number) => minute * 60_000;
    const rows = downtimeOf(
      [
        { kioskId: 'K', device: 'a4-printer', type: 'fault', code: 'media-jam', at: at(-30) },
        { kioskId: 'K', device: 'a4-printer', type: 'recovered', code: null, at: at(10) },
        { kioskId: 'K', device: 'bill-acceptor', type: 'fault', code: 'stacker-full', at: at(100) },
        { kioskId: 'K', device: 'bill-acceptor', type: 'fault', code: 'stacker-open', at: at(105) },
        { kioskId: 'K', device: 'bill-acceptor', type: 'recovered', code: null, at: at(120) },
        { kioskId: 'K', device: 'coin-hopper-500', type: 'fault', code: 'empty', at: at(1400) },
      ],
      at(0),
      at(1440),
    );
    expect(rows).toEqual([
      { kioskId: 'K', device: 'a4-printer', faults: 0, downtimeMinutes: 10, down: false, lastCode: 'media-jam' },
      { kioskId: 'K', device: 'bill-acceptor', faults: 2, downtimeMinutes: 20, down: false, lastCode: 'stacker-open' },
      { kioskId: 'K', device: 'coin-hopper-500', faults: 1, downtimeMinutes: 40, down: true, lastCode: 'empty' },
    ]);
  });
});

describe("the kiosk's own report (kiosk report, no central office)", () => {
  it('a month of issuances per document type matches an independent SQL count, this year against last year', async () => {
    const source = new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul');
    const report = await buildOperationsReport(source, { period: 'monthly', date: '2026-11-15' }, NOW);
    const expected = independentCounts('2026-11-01', '2026-11-30');
    const lastYear = independentCounts('2025-11-01', '2025-11-30');
    expect(report.window).toEqual({ label: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(report.documents.length).toBeGreaterThan(20);
    for (const row of report.documents) {
      const want = expected.get(row.documentCode) ?? { issuances: 0, copies: 0, pages: 0, fees: 0 };
      expect({ code: row.documentCode, issuances: row.issuances, copies: row.copies, pages: row.pages, fees: row.fees }).toEqual({ code: row.documentCode, ...want });
      expect(row.lastYearIssuances).toBe(lastYear.get(row.documentCode)?.issuances ?? 0);
    }
    const total = [...expected.values()].reduce((sum, row) => sum + row.issuances, 0);
    expect(report.totals.issuances).toBe(total);
    expect(report.totals.lastYearIssuances).toBe([...lastYear.values()].reduce((sum, row) => sum + row.issuances, 0));
    // The generated October 31 and December 1 (including 23:59 entries) stay outside November.
    expect(report.series).toHaveLength(30);
    expect(report.series.reduce((sum, point) => sum + point.issuances, 0)).toBe(total);
    const first = db
      .prepare("SELECT count(*) AS n FROM outbox WHERE type = 'document.issued' AND date(occurred_at / 1000, 'unixepoch', '+9 hours') = '2026-11-01'")
      .get() as { n: number };
    expect(report.series[0]).toMatchObject({ bucket: '2026-11-01', issuances: first.n });
  });

  it('sums fees, change, refunds, paper and downtime like the independent SQL', async () => {
    const source = new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul');
    const report = await buildOperationsReport(source, { period: 'monthly', date: '2026-11-01' }, NOW);
    const sum = (type: string, field: string) => independentSum(type, field, '2026-11-01', '2026-11-30');
    expect(report.money).toEqual({
      notesIn: sum('cash.note-stacked', 'value'),
      feesKept: sum('cash.fee-kept', 'amount'),
      changePaid: sum('cash.change-paid', 'amount'),
      refundsPaidInCoins: 0,
      refundsOwed: sum('cash.refund-owed', 'amount'),
      refundsClaimed: 0,
    });
    expect(report.money.feesKept).toBe(report.totals.fees);
    expect(report.paper).toMatchObject({ a4SheetsIssued: sum('document.issued', 'pages'), a4SheetsSpoiled: sum('document.failed', 'pagesPrinted'), a4SheetsLoaded: 30 * 500 });
    const faults = db
      .prepare("SELECT count(*) AS n FROM outbox WHERE type = 'device.fault' AND date(occurred_at / 1000, 'unixepoch', '+9 hours') BETWEEN '2026-11-01' AND '2026-11-30'")
      .get() as { n: number };
    expect(faults.n).toBeGreaterThan(0);
    expect(report.downtime).toEqual([{ kioskId: HALL.kioskId, device: 'bill-acceptor', faults: faults.n, downtimeMinutes: faults.n * 7, down: false, lastCode: 'jam-in-acceptor' }]);
  });

  it('writes CSV with the right columns, one row per document type and a total', async () => {
    const source = new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul');
    const report = await buildOperationsReport(source, { period: 'monthly', date: '2026-11-15' }, NOW);
    const csv = formatReport(report, 'csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',')).toEqual([...CSV_COLUMNS]);
    expect(lines).toHaveLength(report.documents.length + 2);
    const cells = (line: string) => Object.fromEntries(line.split(',').map((cell, i) => [CSV_COLUMNS[i], cell]));
    const resident = lines.map(cells).find((row) => row.document_code === 'resident-copy');
    expect(resident).toMatchObject({ period: 'monthly', from: '2026-11-01', to: '2026-11-30', kiosk: HALL.kioskId, document_no: '1', document_name: '주민등록표 등본' });
    expect(Number(resident?.issuances)).toBe(independentCounts('2026-11-01', '2026-11-30').get('resident-copy')?.issuances ?? 0);
    const total = cells(lines.at(-1) ?? '');
    expect(total).toMatchObject({ document_code: 'TOTAL', issuances: String(report.totals.issuances), fees_won: String(report.totals.fees) });
  });

  it('prints a table an operator can read', async () => {
    const source = new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul');
    const text = formatReport(await buildOperationsReport(source, { period: 'daily', date: '2026-11-03' }, NOW), 'table');
    expect(text).toContain('Daily report 2026-11-03');
    expect(text).toContain('Compared with 2025-11-03');
    expect(text).toMatch(/계 \(total\)/);
    expect(text).toContain('fees collected (kept)');
  });
});

describe('the central office report across kiosks', () => {
  let office: RunningCentralOffice;
  beforeAll(async () => {
    office = await startCentralOffice({ storage: { kind: 'sqlite', file: path.join(dir, 'central.sqlite') }, kiosks: DEMO_KIOSKS, operators: [DEMO_OPERATOR], port: 0 });
    const outbox = new Outbox(db, HALL.kioskId, () => 0);
    const caller = { role: 'kiosk' as const, kioskId: HALL.kioskId, name: HALL.name, district: '금정구', keyId: HALL.keyId };
    for (let rows = outbox.unacked(1000); rows.length > 0; rows = outbox.unacked(1000)) {
      const ack = await office.office.ingest(caller, rows.map((row) => outbox.toWire(row)));
      expect(ack.rejected).toEqual([]);
      outbox.markAcked(rows.map((row) => row.eventId));
    }
  });
  afterAll(() => office.close());

  it('gives the same figures as the kiosk for that kiosk, and lists every kiosk', async () => {
    const central = await buildOperationsReport(new CentralOperationsSource(office.office.storage.db, office.office.keys), { period: 'monthly', date: '2026-11-15' }, NOW);
    const local = await buildOperationsReport(new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul'), { period: 'monthly', date: '2026-11-15' }, NOW);
    expect(central.documents).toEqual(local.documents);
    expect(central.series).toEqual(local.series);
    expect(central.money).toEqual(local.money);
    expect(central.paper).toEqual(local.paper);
    expect(central.downtime).toEqual(local.downtime);
    expect(central.kioskIds).toEqual(DEMO_KIOSKS.map((kiosk) => kiosk.kioskId).sort());
    expect(central.kiosks.find((row) => row.kioskId === PNU.kioskId)).toEqual({ kioskId: PNU.kioskId, issuances: 0, copies: 0, fees: 0, lastYearIssuances: 0 });
    expect(central.kiosks.find((row) => row.kioskId === HALL.kioskId)?.issuances).toBe(local.totals.issuances);
  });

  it('a yearly report groups by month', async () => {
    const central = await buildOperationsReport(new CentralOperationsSource(office.office.storage.db, office.office.keys), { period: 'yearly', date: '2026-03-01', kiosk: HALL.kioskId }, NOW);
    expect(central.series.map((point) => point.bucket)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const november = independentCounts('2026-11-01', '2026-11-30');
    expect(central.series[10]?.issuances).toBe([...november.values()].reduce((sum, row) => sum + row.issuances, 0));
    expect(central.lastYear.label).toBe('2025');
  });
});
