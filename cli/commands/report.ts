import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OperationsReport, OperationsReportQuery } from '../../central-office/contract/operations-report';
import { withProgress } from './progress';

/**
 * `kiosk report daily|monthly|yearly`: issuances per document type and per kiosk (this period against the same
 * period last year, like the district report's tables), fees, change, refunds owed and claimed, paper, downtime.
 *
 * Where the figures come from:
 *   (no option)            this kiosk's own database (its outbox keeps every issuance-log event)
 *   --central <file>       the central office's storage, across kiosks (the `kiosk central` configuration)
 *   --kiosk <id>           the central office this kiosk reports to: its embedded office's file in the demo, or the
 *                          office's signed API with an operator key (--key-id, --secret-file or KIOSK_OPERATOR_SECRET)
 * Exit status: 0 the report was printed, 1 the source could not be read, 2 a usage or configuration error.
 */
type ReportOptions = {
  config: string;
  date?: string;
  kiosk?: string;
  format: string;
  central?: string;
  url?: string;
  keyId?: string;
  secretFile?: string;
};

const PERIODS = ['daily', 'monthly', 'yearly'] as const;
const FORMATS = ['table', 'csv', 'json'] as const;

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('issuance reports: daily, monthly or yearly counts per document and kiosk, this year against last, fees, change, refunds, paper, downtime')
    .argument('<period>', 'daily | monthly | yearly')
    .option('--config <file>', 'kiosk configuration file', 'kiosk/config/demo.json')
    .option('--date <date>', 'a date inside the period, YYYY-MM-DD (default: today)')
    .option('--kiosk <id>', 'one kiosk, from the central office')
    .option('--central <file>', 'read the central office storage (its configuration file): every kiosk')
    .option('--url <url>', 'central office URL for --kiosk (default: the kiosk configuration’s)')
    .option('--key-id <id>', 'operator key id for the central office API')
    .option('--secret-file <file>', 'file holding the operator secret (or KIOSK_OPERATOR_SECRET)')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (period: string, options: ReportOptions) => {
      process.exitCode = await report(period, options);
    });
}

async function report(period: string, options: ReportOptions): Promise<number> {
  if (!(PERIODS as readonly string[]).includes(period)) {
    console.error(`kiosk report: the period is daily, monthly or yearly, not "${period}"`);
    return 2;
  }
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    console.error(`kiosk report: --format is table, csv or json, not "${options.format}"`);
    return 2;
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    console.error(`kiosk report: --date is YYYY-MM-DD, not "${options.date}"`);
    return 2;
  }
  const { formatReport } = await import('../../kiosk/reports');
  const query = { period: period as OperationsReportQuery['period'], ...(options.date ? { date: options.date } : {}), ...(options.kiosk ? { kiosk: options.kiosk } : {}) };
  const built = options.central ? await fromCentralStorage(options.central, query) : await fromKioskConfig(options, query);
  if (!built.ok) {
    console.error(`kiosk report: ${built.error}`);
    return built.code;
  }
  process.stdout.write(formatReport(built.report, options.format as (typeof FORMATS)[number]));
  return 0;
}

type Built = { ok: true; report: OperationsReport } | { ok: false; error: string; code: number };

async function todayIn(timeZone: string): Promise<string> {
  const { localTime } = await import('../../catalog/availability');
  return localTime(Date.now(), timeZone).date;
}

async function fromCentralStorage(file: string, query: OperationsReportQuery): Promise<Built> {
  const { loadCentralConfig } = await import('../../central-office/config');
  const { openStorage } = await import('../../central-office/storage/open');
  const { KeyRing } = await import('../../central-office/service/kiosks');
  const { CentralOperationsSource, CENTRAL_TIME_ZONE } = await import('../../central-office/operator/central-source');
  const { buildOperationsReport } = await import('../../central-office/contract/operations-report');
  const loaded = loadCentralConfig(file);
  if (!loaded.ok) return { ok: false, error: loaded.error, code: 2 };
  const storage = await openStorage(loaded.value.storage);
  if (!storage.ok) return { ok: false, error: `cannot open the central office storage (${storage.error.kind}): ${storage.error.detail}`, code: 1 };
  try {
    const source = new CentralOperationsSource(storage.value.db, new KeyRing(loaded.value.kiosks, loaded.value.operators));
    const date = query.date ?? (await todayIn(CENTRAL_TIME_ZONE));
    return { ok: true, report: await withProgress('counting at the central office', buildOperationsReport(source, { ...query, date }, Date.now())) };
  } finally {
    await storage.value.close();
  }
}

async function fromKioskConfig(options: ReportOptions, query: OperationsReportQuery): Promise<Built> {
  const { loadConfigFile, formatConfigError } = await import('../../kiosk/config');
  const loaded = loadConfigFile(options.config);
  if (!loaded.ok) return { ok: false, error: formatConfigError(loaded.error), code: 2 };
  const config = loaded.value.config;
  const date = query.date ?? (await todayIn(config.hours.timeZone));
  if (options.kiosk || options.url) return fromCentralOffice(config, options, { ...query, date });

  const { openDatabase, DATABASE_FILE } = await import('../../kiosk/store');
  const { KioskOperationsSource } = await import('../../kiosk/reports');
  const { buildOperationsReport } = await import('../../central-office/contract/operations-report');
  const opened = openDatabase(path.join(config.dataDir, DATABASE_FILE));
  if (!opened.ok) return { ok: false, error: `cannot open the kiosk database (${opened.error.kind}): ${opened.error.detail}`, code: 1 };
  try {
    const source = new KioskOperationsSource(opened.value, config.kioskId, config.hours.timeZone);
    return { ok: true, report: await withProgress('counting in the kiosk database', buildOperationsReport(source, { ...query, date }, Date.now())) };
  } finally {
    opened.value.close();
  }
}

async function fromCentralOffice(config: import('../../kiosk/config').KioskConfig, options: ReportOptions, query: OperationsReportQuery & { date: string }): Promise<Built> {
  if (config.centralOffice.url === 'embedded' && !options.url) {
    // The demo's office lives inside the kiosk process; its file is in the kiosk's data folder.
    const { EMBEDDED_DATABASE_FILE } = await import('../../kiosk/central-client/connect');
    const { openStorage } = await import('../../central-office/storage/open');
    const { KeyRing } = await import('../../central-office/service/kiosks');
    const { DEMO_KIOSKS } = await import('../../central-office/demo');
    const { CentralOperationsSource } = await import('../../central-office/operator/central-source');
    const { buildOperationsReport } = await import('../../central-office/contract/operations-report');
    const storage = await openStorage({ kind: 'sqlite', file: path.join(config.dataDir, EMBEDDED_DATABASE_FILE) });
    if (!storage.ok) return { ok: false, error: `cannot open the embedded central office (${storage.error.kind}): ${storage.error.detail}`, code: 1 };
    try {
      // Only the list of kiosk ids is read from the key ring here; no request is authenticated with it.
      const kiosks = [{ kioskId: config.kioskId, keyId: config.centralOffice.keyId, secret: 'x'.repeat(16), name: config.site.name.ko }, ...DEMO_KIOSKS.filter((k) => k.kioskId !== config.kioskId)];
      const source = new CentralOperationsSource(storage.value.db, new KeyRing(kiosks));
      return { ok: true, report: await withProgress('counting at the embedded central office', buildOperationsReport(source, query, Date.now())) };
    } finally {
      await storage.value.close();
    }
  }
  const url = options.url ?? config.centralOffice.url;
  const keyId = options.keyId;
  let secret = process.env.KIOSK_OPERATOR_SECRET;
  if (options.secretFile) {
    try {
      secret = readFileSync(options.secretFile, 'utf8').trim();
    } catch (error) {
      return { ok: false, error: `cannot read --secret-file ${options.secretFile}: ${(error as Error).message}`, code: 2 };
    }
  }
  if (!keyId || !secret) return { ok: false, error: 'the central office needs an operator key: --key-id and --secret-file (or KIOSK_OPERATOR_SECRET)', code: 2 };
  const { fetchOperatorReport } = await import('../../kiosk/reports');
  const fetched = await withProgress(`asking the central office at ${url}`, fetchOperatorReport(url, { keyId, secret }, query));
  return fetched.ok ? { ok: true, report: fetched.value } : { ok: false, error: fetched.error, code: 1 };
}
