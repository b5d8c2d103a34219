import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ReportPeriod } from '../../central-office/contract/api';

/**
 * `kiosk central`: run the central office (identity, records, log ingest, reports), list the demo residents, or
 * read reports and kiosk health straight from its storage. Configuration: docs/central-office.md.
 */
type ServeOptions = { config?: string; demo?: boolean; host?: string; port?: string; sqlite?: string; postgres?: string };

export function registerCentral(program: Command): void {
  const central = program.command('central').description('the central office: serve it, list demo residents, read reports');

  central
    .command('serve', { isDefault: true })
    .description('run the central office service (identity, records, log ingest, reports) until Ctrl-C')
    .option('--config <file>', 'central office configuration file (see central-office/central.example.json)')
    .option('--demo', 'no file: the four demo kiosks and operator, SQLite in ./demo-data')
    .option('--host <host>', 'listen address (overrides the file)')
    .option('--port <port>', 'listen port (overrides the file)')
    .option('--sqlite <file>', 'use this SQLite file (overrides the file)')
    .option('--postgres <url>', 'use this PostgreSQL database (overrides the file)')
    .action(async (options: ServeOptions) => {
      process.exitCode = await serve(options);
    });

  central
    .command('residents')
    .description('list the synthetic demo residents (names, resident numbers, what they can be issued) and properties')
    .option('--seed <seed>', 'population seed')
    .option('--json', 'print JSON')
    .action(async (options: { seed?: string; json?: boolean }) => {
      const { demoProperties, demoResidents } = await import('../../central-office/demo');
      const residents = demoResidents(options.seed);
      const properties = demoProperties(options.seed);
      process.exitCode = 0;
      if (options.json) {
        console.log(JSON.stringify({ residents, properties }, null, 2));
        return;
      }
      for (const resident of residents) {
        console.log(`${resident.residentNumber}  ${resident.name}  ${resident.role.padEnd(20)} ${resident.note.en}`);
        console.log(`    ${resident.documents.length} documents: ${resident.documents.join(', ')}`);
        for (const [code, values] of Object.entries(resident.options)) console.log(`    ${code}: ${JSON.stringify(values)}`);
      }
      console.log('\nPublic records (no identity needed):');
      for (const property of properties) console.log(`  ${property.documents.join(', ')}: ${JSON.stringify(property.options)}`);
    });

  central
    .command('report')
    .description('issuances and money per day, month or year, read from the central office storage')
    .argument('<period>', 'day | month | year')
    .requiredOption('--config <file>', 'central office configuration file')
    .option('--from <date>', 'first local date YYYY-MM-DD')
    .option('--to <date>', 'last local date YYYY-MM-DD')
    .option('--kiosk <id>', 'one kiosk')
    .option('--json', 'print JSON')
    .action(async (period: string, options: { config: string; from?: string; to?: string; kiosk?: string; json?: boolean }) => {
      process.exitCode = await withOffice(options.config, async (office) => {
        const { IssuanceReportQuery } = await import('../../central-office/contract/api');
        const query = IssuanceReportQuery.safeParse({ period, from: options.from, to: options.to, kiosk: options.kiosk });
        if (!query.success) {
          console.error(`kiosk central report: ${query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
          return 2;
        }
        const report = await office.report(query.data);
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report.period, report);
        return 0;
      });
    });

  central
    .command('kiosks')
    .description('each kiosk: last heartbeat, events received, sequence gaps')
    .requiredOption('--config <file>', 'central office configuration file')
    .option('--json', 'print JSON')
    .action(async (options: { config: string; json?: boolean }) => {
      process.exitCode = await withOffice(options.config, async (office) => {
        const statuses = await office.kioskStatuses();
        if (options.json) {
          console.log(JSON.stringify(statuses, null, 2));
          return 0;
        }
        for (const status of statuses) {
          const gaps = status.events.gaps.map((gap) => (gap.from === gap.to ? `${gap.from}` : `${gap.from}–${gap.to}`)).join(', ') || 'none';
          console.log(`${status.kioskId.padEnd(14)} ${status.name}`);
          console.log(`    last heartbeat ${status.lastHeartbeatAt ?? 'never'}; queue ${status.heartbeat?.queue.depth ?? '?'}`);
          console.log(`    events ${status.events.received}, contiguous to ${status.events.contiguousSeq}, highest ${status.events.maxSeq}; gaps: ${gaps}`);
        }
        return 0;
      });
    });
}

async function serve(options: ServeOptions): Promise<number> {
  const { loadCentralConfig } = await import('../../central-office/config');
  const { DEMO_KIOSKS, DEMO_OPERATOR } = await import('../../central-office/demo');
  const { openCentralOffice } = await import('../../central-office/start');
  const { createLogger } = await import('../../common/log');
  type Loaded = Exclude<ReturnType<typeof loadCentralConfig>, { ok: false }>['value'];
  let settings: Loaded;
  if (options.config) {
    const loaded = loadCentralConfig(options.config);
    if (!loaded.ok) {
      console.error(`kiosk central: ${loaded.error}`);
      return 2;
    }
    settings = loaded.value;
  } else if (options.demo) {
    const dataDir = path.resolve('demo-data');
    mkdirSync(dataDir, { recursive: true });
    settings = { file: '(demo)', storage: { kind: 'sqlite', file: path.join(dataDir, 'central-office.sqlite') }, host: '127.0.0.1', port: 8600, kiosks: DEMO_KIOSKS, operators: [DEMO_OPERATOR] };
  } else {
    console.error('kiosk central: pass --config <file> (see central-office/central.example.json) or --demo');
    return 2;
  }
  if (options.sqlite) settings = { ...settings, storage: { kind: 'sqlite', file: path.resolve(options.sqlite) } };
  if (options.postgres) settings = { ...settings, storage: { kind: 'postgres', url: options.postgres } };
  if (options.host) settings = { ...settings, host: options.host };
  if (options.port !== undefined) {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`kiosk central: --port must be 0–65535, not ${options.port}`);
      return 2;
    }
    settings = { ...settings, port };
  }
  const logger = createLogger({ name: 'central-office' });
  const started = await openCentralOffice({ ...settings, logger });
  if (!started.ok) {
    console.error(`kiosk central: the central office did not start (${started.error.kind}): ${started.error.detail}`);
    return 1;
  }
  console.error(`kiosk central: listening on ${started.value.url} (${settings.storage.kind}, ${settings.kiosks.length} kiosks); Ctrl-C stops it`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await started.value.close();
  logger.flush();
  return 0;
}

async function withOffice(configFile: string, use: (office: import('../../central-office/office').CentralOffice) => Promise<number>): Promise<number> {
  const { loadCentralConfig } = await import('../../central-office/config');
  const { openStorage } = await import('../../central-office/storage/open');
  const { CentralOffice } = await import('../../central-office/office');
  const { Registry } = await import('../../central-office/population/registry');
  const { KeyRing } = await import('../../central-office/service/kiosks');
  const { systemClock } = await import('../../common/clock');
  const loaded = loadCentralConfig(configFile);
  if (!loaded.ok) {
    console.error(`kiosk central: ${loaded.error}`);
    return 2;
  }
  const storage = await openStorage(loaded.value.storage);
  if (!storage.ok) {
    console.error(`kiosk central: cannot open the storage (${storage.error.kind}): ${storage.error.detail}`);
    return 1;
  }
  try {
    const office = new CentralOffice(storage.value, Registry.fromSeed(loaded.value.seed), new KeyRing(loaded.value.kiosks, loaded.value.operators), systemClock, loaded.value.pepper ?? '');
    return await use(office);
  } finally {
    await storage.value.close();
  }
}

function printReport(period: ReportPeriod, report: import('../../central-office/contract/api').IssuanceReport): void {
  console.log(`Issuances per ${period}${report.from ? ` from ${report.from}` : ''}${report.to ? ` to ${report.to}` : ''}`);
  console.log(['period'.padEnd(11), 'kiosk'.padEnd(14), 'document'.padEnd(30), 'issued'.padStart(7), 'copies'.padStart(7), 'fees (won)'.padStart(11)].join(' '));
  for (const row of report.issuances) {
    console.log([row.bucket.padEnd(11), row.kioskId.padEnd(14), row.documentCode.padEnd(30), String(row.issuances).padStart(7), String(row.copies).padStart(7), row.fees.toLocaleString('en-US').padStart(11)].join(' '));
  }
  console.log('\nMoney (won)');
  console.log(
    ['period'.padEnd(11), 'kiosk'.padEnd(14), 'notes in'.padStart(10), 'fees kept'.padStart(10), 'change'.padStart(10), 'refund owed'.padStart(12), 'refund paid'.padStart(12), 'claimed (n)'.padStart(16)].join(' '),
  );
  for (const row of report.cash) {
    console.log(
      [row.bucket.padEnd(11), row.kioskId.padEnd(14), row.notesStacked, row.feesKept, row.changePaid].map((value, index) => (index < 2 ? String(value) : value.toLocaleString('en-US').padStart(10))).join(' ') +
        ` ${row.refundsOwed.toLocaleString('en-US').padStart(12)} ${row.refundsPaid.toLocaleString('en-US').padStart(12)} ${`${row.refundsClaimed.toLocaleString('en-US')} (${row.vouchersClaimed})`.padStart(16)}`,
    );
  }
  const totals = report.totals;
  console.log(
    `\nTotal: ${totals.issuances} issuances, ${totals.copies} copies, ${totals.fees.toLocaleString('en-US')} won in fees, ${totals.changePaid.toLocaleString('en-US')} won change, ${totals.refundsOwed.toLocaleString('en-US')} won refunds owed, ${totals.refundsPaid.toLocaleString('en-US')} won refunds paid, ${totals.refundsClaimed.toLocaleString('en-US')} won in ${totals.vouchersClaimed} voucher(s) claimed at the office`,
  );
}
