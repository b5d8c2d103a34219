import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../common/log';
import { SheetCounter } from '../../../devices/a4-printer/paper-counter';
import type { BillAcceptorSimulator } from '../../../devices/bill-acceptor/simulator';
import type { ReceiptPrinterDevice } from '../../../devices/receipt-printer/factory';
import { persistSheetCounter } from '../../../kiosk/adapters/paper-store';
import { loadConfigFile } from '../../../kiosk/config';
import { startBrowserHost, type BrowserHost } from '../../../kiosk/host/server';
import { RENDERER_DIST } from '../../../kiosk/main';
import { createKioskService, describeStartError, type KioskService } from '../../../kiosk/service';
import { openDatabase } from '../../../kiosk/store';

/**
 * The demo kiosk in-process — the composition root with every device simulated and the central office embedded —
 * behind the browser host, serving the built renderer: the citizen screen at `/` and service mode at `/service`.
 * The A4 tray starts with 420 sheets counted (as if a technician had recorded them). The demo configuration's
 * technician PIN (258046) applies.
 */
export type ServiceKiosk = {
  readonly url: string;
  readonly kiosk: KioskService;
  readonly acceptor: BillAcceptorSimulator;
  readonly receipt: ReceiptPrinterDevice;
  readonly host: BrowserHost;
  close(): Promise<void>;
};

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const SHEETS_IN_TRAY = 420;

export async function startServiceKiosk(): Promise<ServiceKiosk> {
  const dir = mkdtempSync(path.join(tmpdir(), 'service-kiosk-'));
  const loaded = loadConfigFile(path.join(ROOT, 'kiosk/config/demo.json'));
  if (!loaded.ok) throw new Error('demo configuration');
  const config = { ...loaded.value.config, dataDir: dir, api: { ...loaded.value.config.api, port: 0 } };
  seedSheetCount(path.join(dir, 'kiosk.sqlite'));
  const log = silentLogger();
  const started = await createKioskService(config, { log, simulatedA4MsPerPage: 200, crashPoint: null });
  if (!started.ok) throw new Error(describeStartError(started.error));
  const kiosk = started.value;
  const acceptor = kiosk.devices.cash.billAcceptor;
  if (acceptor.kind !== 'simulated') throw new Error('the demo configuration simulates the bill acceptor');
  const host = await startBrowserHost({
    handlers: kiosk.handlers,
    host: '127.0.0.1',
    port: 0,
    rendererDir: RENDERER_DIST,
    log,
    extend: (app) => kiosk.extendHost(app),
  });
  return {
    url: host.url,
    kiosk,
    acceptor: acceptor.simulator,
    receipt: kiosk.devices.receiptPrinter,
    host,
    async close() {
      await host.close();
      await kiosk.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sheet count the kiosk restores at start-up (kiosk/adapters/paper-store.ts), written before it starts. */
function seedSheetCount(file: string): void {
  const opened = openDatabase(file);
  if (!opened.ok) throw new Error(opened.error.detail);
  const counter = new SheetCounter();
  const stop = persistSheetCounter(opened.value, counter, () => Date.now());
  counter.refill(SHEETS_IN_TRAY);
  stop();
  opened.value.close();
}
