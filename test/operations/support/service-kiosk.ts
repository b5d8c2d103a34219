import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../../../common/clock';
import { silentLogger } from '../../../common/log';
import { createA4Printer } from '../../../devices/a4-printer/factory';
import { SheetCounter } from '../../../devices/a4-printer/paper-counter';
import type { BillAcceptorSimulator } from '../../../devices/bill-acceptor/simulator';
import { createFingerprintReader } from '../../../devices/fingerprint/factory';
import { createKeypad } from '../../../devices/keypad/factory';
import { createReceiptPrinter, type ReceiptPrinterDevice } from '../../../devices/receipt-printer/factory';
import { createApiHandlers } from '../../../kiosk/api/handlers';
import { createCashDevices } from '../../../kiosk/cash/devices';
import { MoneyService } from '../../../kiosk/cash/money-service';
import { loadConfigFile } from '../../../kiosk/config';
import { StartReports } from '../../../kiosk/diagnostics/devices';
import { startBrowserHost, type BrowserHost } from '../../../kiosk/host/server';
import { RENDERER_DIST } from '../../../kiosk/main';
import { serviceModeForKiosk, serviceModeRoutes } from '../../../kiosk/service-mode';
import { openDatabase } from '../../../kiosk/store';

/**
 * A kiosk with every device simulated and service mode on its browser host, serving the built renderer — what the
 * composition root will wire, assembled here for the service screen's end-to-end test. The demo configuration's
 * technician PIN (258046) applies.
 */
export type ServiceKiosk = {
  readonly url: string;
  readonly acceptor: BillAcceptorSimulator;
  readonly receipt: ReceiptPrinterDevice;
  readonly host: BrowserHost;
  close(): Promise<void>;
};

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export async function startServiceKiosk(): Promise<ServiceKiosk> {
  const dir = mkdtempSync(path.join(tmpdir(), 'service-kiosk-'));
  const loaded = loadConfigFile(path.join(ROOT, 'kiosk/config/demo.json'));
  if (!loaded.ok) throw new Error('demo configuration');
  const config = { ...loaded.value.config, dataDir: dir };
  const log = silentLogger();
  const clock = systemClock;
  const opened = openDatabase(path.join(dir, 'kiosk.sqlite'));
  if (!opened.ok) throw new Error(opened.error.detail);
  const db = opened.value;
  const cash = createCashDevices(config.devices, { clock, log });
  if (!cash.ok || cash.value.billAcceptor.kind !== 'simulated' || cash.value.coinHoppers.kind !== 'simulated') throw new Error('simulated cash devices');
  const startReports = new StartReports();
  const acceptor = startReports.billAcceptorThatRecords(cash.value.billAcceptor.acceptor);
  const hoppers = startReports.coinHoppersThatRecord(cash.value.coinHoppers.hoppers);
  const money = new MoneyService({ db, kioskId: config.kioskId, clock, acceptor, hoppers, log, initialHopperCoins: cash.value.coinHoppers.initialCoins });
  await money.start();
  const receipt = createReceiptPrinter(config.devices.receiptPrinter, { clock, log });
  await receipt.start();
  const paper = new SheetCounter({ remaining: 420 });
  const a4 = createA4Printer(config.devices.a4Printer, { clock, log, paper, simulatedMsPerPage: 200 });
  const fingerprint = await createFingerprintReader(config.devices.fingerprint, { clock, log });
  await fingerprint.reader.connect();
  const keypad = createKeypad(config.devices.keypad, { clock, log });
  await keypad.keypad.start();
  const service = serviceModeForKiosk({
    config,
    db,
    clock,
    log,
    devices: { billAcceptor: { acceptor }, coinHoppers: { hoppers }, receiptPrinter: receipt, a4Printer: a4, fingerprint, keypad },
    startReports,
    money,
    a4Paper: paper,
    receiptPrinter: receipt.printer,
  });
  const api = createApiHandlers({ send: async () => ({ accepted: true }) as never, view: () => ({ revision: 0 }) as never, subscribe: () => () => undefined });
  const host = await startBrowserHost({ handlers: api, host: '127.0.0.1', port: 0, rendererDir: RENDERER_DIST, log, extend: serviceModeRoutes(service) });
  return {
    url: host.url,
    acceptor: cash.value.billAcceptor.simulator,
    receipt,
    host,
    async close() {
      await host.close();
      await fingerprint.reader.close();
      await keypad.keypad.stop();
      await receipt.stop();
      await money.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
