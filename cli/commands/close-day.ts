import type { Command } from 'commander';
import path from 'node:path';
import { askPin } from './progress';

/**
 * `kiosk close-day`: the end-of-day close (마감). Totals since the previous close, the cash box reconciled to the won
 * (give the count with --count 1000=12,5000=3,10000=1,50000=0), the slip on the receipt printer, `day.closed` to the
 * central office. With the kiosk running it asks the kiosk (service mode, technician PIN); otherwise it works on the
 * kiosk's database and opens the receipt printer itself.
 * Exit status: 0 balanced, 1 a discrepancy (printed, stored and sent), 2 usage, 3 the kiosk could not be asked.
 */
type CloseOptions = { config: string; count?: string; date?: string; print: boolean; pin?: string; json?: boolean; lang?: string };

export function parseCount(text: string): Record<string, number> | string {
  const counted: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d+)\s*[=:x]\s*(\d+)$/.exec(part);
    if (!match) return `"${part}" is not NOTE=COUNT (e.g. 1000=12)`;
    counted[match[1] as string] = Number(match[2]);
  }
  return counted;
}

export function registerCloseDay(program: Command): void {
  program
    .command('close-day')
    .description('end-of-day close (마감): totals, cash box reconciled to the won, slip printed, day.closed sent')
    .option('--config <file>', 'kiosk configuration file', 'kiosk/config/demo.json')
    .option('--count <notes>', 'the cash box counted by hand: 1000=12,5000=3,10000=1,50000=0')
    .option('--date <date>', 'the business date (default: the date of the last event closed)')
    .option('--no-print', 'do not print the slip')
    .option('--pin <pin>', 'technician PIN, when the kiosk is running (or KIOSK_SERVICE_PIN)')
    .option('--lang <lang>', 'ko | en', 'ko')
    .option('--json', 'print JSON')
    .action(async (options: CloseOptions) => {
      process.exitCode = await closeDayCommand(options);
    });
}

async function closeDayCommand(options: CloseOptions): Promise<number> {
  const lang = options.lang === 'en' ? 'en' : 'ko';
  const counted = options.count === undefined ? undefined : parseCount(options.count);
  if (typeof counted === 'string') {
    console.error(`kiosk close-day: --count: ${counted}`);
    return 2;
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    console.error(`kiosk close-day: --date is YYYY-MM-DD, not "${options.date}"`);
    return 2;
  }
  const { loadConfigFile, formatConfigError } = await import('../../kiosk/config');
  const loaded = loadConfigFile(options.config);
  if (!loaded.ok) {
    console.error(formatConfigError(loaded.error));
    return 2;
  }
  const config = loaded.value.config;
  const { describeClose } = await import('../../kiosk/day-close');
  const input = { ...(counted ? { counted } : {}), ...(options.date ? { businessDate: options.date } : {}) };
  const show = (result: import('../../kiosk/day-close').DayCloseResult) => {
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      for (const line of describeClose(result.summary, lang)) console.log(line);
      if (result.printed && !result.printed.ok) console.log(lang === 'ko' ? `영수증을 인쇄하지 못했습니다: ${result.printed.detail}` : `The slip was not printed: ${result.printed.detail}`);
    }
    return result.summary.balanced ? 0 : 1;
  };

  const { kioskRunning, ServiceModeClient } = await import('../../kiosk/service-mode/client');
  const baseUrl = `http://${config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host}:${config.api.port}`;
  if (config.api.port !== 0 && (await kioskRunning(baseUrl))) {
    const pin = options.pin ?? process.env.KIOSK_SERVICE_PIN ?? (await askPin());
    if (!pin) {
      console.error('kiosk close-day: the kiosk is running; the technician PIN is needed (--pin or KIOSK_SERVICE_PIN)');
      return 3;
    }
    const client = new ServiceModeClient(baseUrl);
    const entered = await client.enter(pin);
    if (!entered.ok) {
      console.error(`kiosk close-day: the kiosk refused service mode (${entered.error.kind}): ${entered.error.detail}`);
      return 3;
    }
    try {
      const closed = await client.closeDay(input);
      if (!closed.ok) {
        console.error(`kiosk close-day: ${closed.error.detail}`);
        return closed.error.kind === 'busy' ? 3 : 2;
      }
      return show(closed.value);
    } finally {
      await client.exit();
    }
  }

  const { openDatabase, DATABASE_FILE } = await import('../../kiosk/store');
  const { closeDay } = await import('../../kiosk/day-close');
  const { systemClock } = await import('../../common/clock');
  const { createLogger } = await import('../../common/log');
  const opened = openDatabase(path.join(config.dataDir, DATABASE_FILE));
  if (!opened.ok) {
    console.error(`kiosk close-day: cannot open the kiosk database (${opened.error.kind}): ${opened.error.detail}`);
    return 2;
  }
  const log = createLogger({ name: 'kiosk', level: process.env.KIOSK_LOG_LEVEL ?? 'warn' });
  let printer: import('../../devices/receipt-printer/factory').ReceiptPrinterDevice | undefined;
  try {
    if (options.print) {
      const { createReceiptPrinter } = await import('../../devices/receipt-printer/factory');
      printer = createReceiptPrinter(config.devices.receiptPrinter, { clock: systemClock, log });
      const started = await printer.start();
      if (!started.ok) console.error(`kiosk close-day: the receipt printer is not available (${started.error.detail}); the close is recorded without a slip`);
    }
    const closed = await closeDay(
      { db: opened.value, kioskId: config.kioskId, kioskName: config.site.name.ko, timeZone: config.hours.timeZone, clock: systemClock, log, ...(printer ? { printer: printer.printer } : {}) },
      input,
    );
    if (!closed.ok) {
      console.error(`kiosk close-day: ${closed.error.detail}`);
      return closed.error.kind === 'money-moving' ? 3 : 2;
    }
    return show(closed.value);
  } finally {
    await printer?.stop();
    opened.value.close();
  }
}
