import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main';
import { parseCount } from '../../cli/commands/close-day';
import { OperationsReport } from '../../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../central-office/demo';
import { startCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import { CSV_COLUMNS } from '../../kiosk/reports';
import { DATABASE_FILE, openDatabase, Outbox, type KioskDatabase } from '../../kiosk/store';
import { generateDays } from './support/generate';

/**
 * `kiosk report` and `kiosk close-day` as an operator or technician runs them: from the kiosk's own database, from
 * the central office's storage, from the office's API with an operator key; CSV, JSON and the table; the close with
 * its exit status.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HALL = DEMO_KIOSKS[0]!;

let dir: string;
let output: string[];
let written: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
  output = [];
  written = [];
  process.exitCode = undefined;
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function kioskConfig(overrides: Record<string, unknown> = {}): string {
  const demo = JSON.parse(readFileSync(path.join(ROOT, 'kiosk/config/demo.json'), 'utf8')) as Record<string, unknown>;
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify({ ...demo, dataDir: './data', api: { host: '127.0.0.1', port: 0 }, ...overrides }));
  return file;
}

function kioskDatabase(): KioskDatabase {
  const opened = openDatabase(path.join(dir, 'data', DATABASE_FILE));
  if (!opened.ok) throw new Error(opened.error.detail);
  return opened.value;
}

function count(db: KioskDatabase, from: string, to: string): number {
  return (
    db.prepare("SELECT count(*) AS n FROM outbox WHERE type = 'document.issued' AND date(occurred_at / 1000, 'unixepoch', '+9 hours') BETWEEN ? AND ?").get(from, to) as { n: number }
  ).n;
}

describe('kiosk report', () => {
  it('reads the kiosk’s own database: CSV with the right columns, JSON, and the table', async () => {
    const file = kioskConfig();
    const db = kioskDatabase();
    generateDays(db, { kioskId: HALL.kioskId, from: '2026-11-01', days: 30, seed: 7 });
    const expected = count(db, '2026-11-01', '2026-11-30');
    db.close();

    expect(await main(['report', 'monthly', '--date', '2026-11-20', '--config', file, '--format', 'csv'])).toBe(0);
    const csv = written.join('').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csv[0]?.split(',')).toEqual([...CSV_COLUMNS]);
    const total = csv.at(-1)?.split(',') ?? [];
    expect(total[CSV_COLUMNS.indexOf('document_code')]).toBe('TOTAL');
    expect(Number(total[CSV_COLUMNS.indexOf('issuances')])).toBe(expected);

    written.length = 0;
    expect(await main(['report', 'monthly', '--date', '2026-11-20', '--config', file, '--format', 'json'])).toBe(0);
    const report = OperationsReport.parse(JSON.parse(written.join('')));
    expect(report).toMatchObject({ source: 'kiosk', kioskIds: [HALL.kioskId], totals: { issuances: expected } });

    written.length = 0;
    expect(await main(['report', 'daily', '--date', '2026-11-20', '--config', file])).toBe(0);
    expect(written.join('')).toContain('Daily report 2026-11-20');
    expect(written.join('')).toContain(`${count(kioskDatabase(), '2026-11-20', '2026-11-20')}`);
  });

  it('refuses a period, a format or a date it does not know (exit 2)', async () => {
    const file = kioskConfig();
    expect(await main(['report', 'weekly', '--config', file])).toBe(2);
    expect(await main(['report', 'daily', '--config', file, '--format', 'xlsx'])).toBe(2);
    expect(await main(['report', 'daily', '--config', file, '--date', '25/11/2026'])).toBe(2);
    expect(output.join('\n')).toContain('the period is daily, monthly or yearly');
  });

  describe('from the central office', () => {
    let office: RunningCentralOffice;
    let expectedHall: number;
    beforeEach(async () => {
      office = await startCentralOffice({ storage: { kind: 'sqlite', file: path.join(dir, 'central.sqlite') }, kiosks: DEMO_KIOSKS, operators: [DEMO_OPERATOR], port: 0 });
      for (const [index, kiosk] of DEMO_KIOSKS.slice(0, 2).entries()) {
        const opened = openDatabase(path.join(dir, `${kiosk.kioskId}.sqlite`));
        if (!opened.ok) throw new Error(opened.error.detail);
        generateDays(opened.value, { kioskId: kiosk.kioskId, from: '2026-11-01', days: 5, seed: 40 + index });
        if (index === 0) expectedHall = count(opened.value, '2026-11-01', '2026-11-30');
        const outbox = new Outbox(opened.value, kiosk.kioskId, () => 0);
        const caller = { role: 'kiosk' as const, kioskId: kiosk.kioskId, name: kiosk.name, district: '금정구', keyId: kiosk.keyId };
        await office.office.ingest(caller, outbox.unacked(1000).map((row) => outbox.toWire(row)));
        opened.value.close();
      }
    });
    afterEach(() => office.close());

    it('reads the office’s storage across kiosks with --central', async () => {
      const central = path.join(dir, 'central.json');
      writeFileSync(central, JSON.stringify({ storage: { kind: 'sqlite', file: './central.sqlite' }, kiosks: 'demo', operators: 'demo' }));
      expect(await main(['report', 'monthly', '--date', '2026-11-03', '--central', central, '--format', 'json'])).toBe(0);
      const report = OperationsReport.parse(JSON.parse(written.join('')));
      expect(report.source).toBe('central-office');
      expect(report.kioskIds).toHaveLength(4);
      expect(report.kiosks.find((k) => k.kioskId === HALL.kioskId)?.issuances).toBe(expectedHall);
    });

    it('asks the office’s API for one kiosk with an operator key (--kiosk), and reports a wrong key', async () => {
      const file = kioskConfig();
      const secret = path.join(dir, 'operator.secret');
      writeFileSync(secret, `${DEMO_OPERATOR.secret}\n`);
      const args = ['report', 'monthly', '--date', '2026-11-03', '--config', file, '--kiosk', HALL.kioskId, '--url', office.url, '--key-id', DEMO_OPERATOR.keyId];
      expect(await main([...args, '--secret-file', secret, '--format', 'json'])).toBe(0);
      const report = OperationsReport.parse(JSON.parse(written.join('')));
      expect(report).toMatchObject({ source: 'central-office', kioskIds: [HALL.kioskId], totals: { issuances: expectedHall } });
      writeFileSync(secret, 'not-the-operator-secret-at-all');
      expect(await main([...args, '--secret-file', secret])).toBe(1);
      expect(output.join('\n')).toContain('the central office refused the report (401 bad-signature)');
    });
  });
});

describe('kiosk close-day (the kiosk not running)', () => {
  it('parses a hand count', () => {
    expect(parseCount('1000=12, 5000=3,10000:1,50000x0')).toEqual({ '1000': 12, '5000': 3, '10000': 1, '50000': 0 });
    expect(parseCount('1000')).toMatch(/not NOTE=COUNT/);
  });

  it('closes a balanced day (exit 0), and reports a discrepancy (exit 1) that is stored and sent', async () => {
    const file = kioskConfig();
    kioskDatabase().close();
    expect(await main(['close-day', '--config', file, '--no-print', '--count', '1000=0', '--lang', 'en'])).toBe(0);
    expect(output.join('\n')).toContain('discrepancy ₩0 (balanced)');

    const db = kioskDatabase();
    const outbox = new Outbox(db, HALL.kioskId, () => Date.now());
    db.transaction(() => {
      outbox.append('cash.note-stacked', { value: 1000 }, 's-1');
      outbox.append('cash.fee-kept', { amount: 200 }, 's-1');
      outbox.append('cash.change-paid', { amount: 800, coins: { '100': 8 } }, 's-1');
      db.prepare('INSERT INTO cash_box (denomination, notes) VALUES (1000, 1)').run();
    })();
    db.close();
    output.length = 0;
    expect(await main(['close-day', '--config', file, '--no-print', '--count', '1000=0', '--lang', 'en'])).toBe(1);
    expect(output.join('\n')).toContain('discrepancy -₩1,000 (DOES NOT BALANCE: check it)');
    expect(output.join('\n')).toContain('₩1,000 notes: counted 0, ledger 1 (-1)');
    const check = kioskDatabase();
    const event = check.prepare("SELECT payload FROM outbox WHERE type = 'day.closed' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
    expect(JSON.parse(event.payload)).toMatchObject({ discrepancy: -1000, cashBox: 0, feesKept: 200, changePaid: 800 });
    check.close();
    expect(await main(['close-day', '--config', file, '--count', '1000'])).toBe(2);
  });
});
