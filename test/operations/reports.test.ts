import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildOperationsReport, downtimeOf, lastYearWindow, OperationsReport, reportWindow } from '../../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../central-office/demo';
import { CentralOperationsSource } from '../../central-office/operator/central-source';
import { startCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import { FakeClock } from '../../common/clock';
import { CLAIMS_NOT_KNOWN, CSV_COLUMNS, formatReport, KioskOperationsSource } from '../../kiosk/reports';
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
      // Vouchers are paid at the district office: the kiosk cannot know, and says so rather than print 0.
      refundsClaimed: null,
      vouchersClaimed: null,
    });
    expect(report.money.refundsOwed).toBeGreaterThan(0);
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

  it('says that refunds claimed at the office are not known at the kiosk, in the table and the JSON', async () => {
    const source = new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul');
    const report = await buildOperationsReport(source, { period: 'monthly', date: '2026-11-15' }, NOW);
    const table = formatReport(report, 'table');
    expect(table).toMatch(/refunds claimed at the office\s+n\/a \*/);
    expect(table).not.toMatch(/refunds claimed at the office\s+0$/m);
    expect(table).toContain(CLAIMS_NOT_KNOWN);
    const json = OperationsReport.parse(JSON.parse(formatReport(report, 'json')));
    expect(json.money).toMatchObject({ refundsClaimed: null, vouchersClaimed: null });
  });
});

/**
 * Vouchers of the generated month, from the kiosk's outbox (independent of the office). The generator numbers its
 * vouchers per run, so the two generated years share some codes; only codes printed once are used here, as a real
 * kiosk's codes are.
 */
function novemberVouchers(printedBefore: number): { code: string; amount: number }[] {
  return db
    .prepare(
      `SELECT json_extract(payload, '$.voucherCode') AS code, min(json_extract(payload, '$.amount')) AS amount, min(occurred_at) AS at, count(*) AS n
       FROM outbox WHERE type = 'cash.refund-owed' GROUP BY code
       HAVING n = 1 AND date(at / 1000, 'unixepoch', '+9 hours') BETWEEN '2026-11-01' AND '2026-11-30' AND at < ? ORDER BY at`,
    )
    .all(printedBefore) as { code: string; amount: number }[];
}

/** What the claimed vouchers add up to, by the kiosk's own record of them. */
function independentClaims(codes: readonly string[]): { refundsClaimed: number; vouchersClaimed: number } {
  const row = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(json_extract(payload, '$.amount')), 0) AS amount FROM outbox
       WHERE type = 'cash.refund-owed' AND json_extract(payload, '$.voucherCode') IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(codes)) as { n: number; amount: number };
  return { refundsClaimed: row.amount, vouchersClaimed: row.n };
}

describe('the central office report across kiosks', () => {
  let office: RunningCentralOffice;
  // The office's clock: claims are dated by it. The last afternoon of November, then a claim on 2 December.
  const officeClock = new FakeClock(Date.parse('2026-11-30T15:00:00+09:00'));
  const claimedInNovember: string[] = [];
  const claimedInDecember: string[] = [];
  beforeAll(async () => {
    office = await startCentralOffice({ storage: { kind: 'sqlite', file: path.join(dir, 'central.sqlite') }, kiosks: DEMO_KIOSKS, operators: [DEMO_OPERATOR], port: 0, clock: officeClock });
    const outbox = new Outbox(db, HALL.kioskId, () => 0);
    const caller = { role: 'kiosk' as const, kioskId: HALL.kioskId, name: HALL.name, district: '금정구', keyId: HALL.keyId };
    for (let rows = outbox.unacked(1000); rows.length > 0; rows = outbox.unacked(1000)) {
      const ack = await office.office.ingest(caller, rows.map((row) => outbox.toWire(row)));
      expect(ack.rejected).toEqual([]);
      outbox.markAcked(rows.map((row) => row.eventId));
    }
    // Citizens bring every other voucher to the counter in November, and one more in December.
    const vouchers = novemberVouchers(officeClock.now());
    expect(vouchers.length).toBeGreaterThanOrEqual(4);
    const operator = { keyId: DEMO_OPERATOR.keyId, name: DEMO_OPERATOR.name };
    for (const [index, voucher] of vouchers.entries()) {
      if (index % 2 !== 0) continue;
      const claimed = await office.office.claimVoucher({ voucherCode: voucher.code, kioskId: HALL.kioskId }, operator);
      expect(claimed).toMatchObject({ ok: true, value: { amount: voucher.amount } });
      claimedInNovember.push(voucher.code);
    }
    await officeClock.advance(2 * 24 * 3600_000);
    const december = vouchers[1]!.code;
    expect((await office.office.claimVoucher({ voucherCode: december, kioskId: HALL.kioskId }, operator)).ok).toBe(true);
    claimedInDecember.push(december);
  });
  afterAll(() => office.close());

  it('gives the same figures as the kiosk for that kiosk, and lists every kiosk', async () => {
    const central = await buildOperationsReport(new CentralOperationsSource(office.office.storage.db, office.office.keys), { period: 'monthly', date: '2026-11-15' }, NOW);
    const local = await buildOperationsReport(new KioskOperationsSource(db, HALL.kioskId, 'Asia/Seoul'), { period: 'monthly', date: '2026-11-15' }, NOW);
    expect(central.documents).toEqual(local.documents);
    expect(central.series).toEqual(local.series);
    // Every money figure but the claims, which only the office has: the kiosk says it does not know them.
    const { refundsClaimed, vouchersClaimed, ...centralMoney } = central.money;
    const { refundsClaimed: kioskClaimed, vouchersClaimed: kioskVouchers, ...localMoney } = local.money;
    expect(centralMoney).toEqual(localMoney);
    expect([kioskClaimed, kioskVouchers]).toEqual([null, null]);
    expect({ refundsClaimed, vouchersClaimed }).toEqual(independentClaims(claimedInNovember));
    expect(vouchersClaimed).toBe(claimedInNovember.length);
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
    // The claims of the year, by the day of the claim: November's and December's.
    expect({ refundsClaimed: central.money.refundsClaimed, vouchersClaimed: central.money.vouchersClaimed }).toEqual(independentClaims([...claimedInNovember, ...claimedInDecember]));
  });

  it('counts a claim on the day the office paid it, and prints the claims in the table', async () => {
    const source = new CentralOperationsSource(office.office.storage.db, office.office.keys);
    const december = await buildOperationsReport(source, { period: 'daily', date: '2026-12-02' }, NOW);
    expect({ refundsClaimed: december.money.refundsClaimed, vouchersClaimed: december.money.vouchersClaimed }).toEqual(independentClaims(claimedInDecember));
    const lastNovemberDay = await buildOperationsReport(source, { period: 'daily', date: '2026-11-30' }, NOW);
    expect(lastNovemberDay.money.vouchersClaimed).toBe(claimedInNovember.length);
    const table = formatReport(lastNovemberDay, 'table');
    const expected = independentClaims(claimedInNovember);
    expect(table).toMatch(new RegExp(`refunds claimed at the office \\(${expected.vouchersClaimed} vouchers?\\)\\s+${expected.refundsClaimed.toLocaleString('en-US')}`));
    expect(table).not.toContain(CLAIMS_NOT_KNOWN);
  });
});
