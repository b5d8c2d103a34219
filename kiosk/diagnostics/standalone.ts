import type { Clock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import { createA4Printer } from '../../devices/a4-printer/factory';
import { createBillAcceptor } from '../../devices/bill-acceptor/factory';
import { createCoinHoppers } from '../../devices/coin-hopper/factory';
import { createFingerprintReader } from '../../devices/fingerprint/factory';
import { createKeypad } from '../../devices/keypad/factory';
import { createReceiptPrinter } from '../../devices/receipt-printer/factory';
import type { KioskConfig } from '../config/schema';
import { diagnosticsFor, StartReports, type KioskDevices } from './devices';
import { explain } from './explain';
import { isBusyError } from './probe';
import type { DeviceDiagnostics, DeviceId, Problem } from './types';

/**
 * The configured devices opened directly, for `kiosk diag` on a kiosk whose service is not running (a technician's
 * laptop on the cabinet, or a remote shell after stopping the service). Each device is started the way the kiosk
 * starts it; one that cannot be opened is still listed, with why. A port the running kiosk holds is reported busy.
 */
export type OpenedDevices = {
  readonly diagnostics: readonly DeviceDiagnostics[];
  /** Why a device could not be started (its report says offline; this says why, in plain words). */
  readonly startProblems: ReadonlyMap<DeviceId, Problem>;
  close(): Promise<void>;
};

export async function openConfiguredDevices(
  config: KioskConfig,
  options: { readonly clock: Clock; readonly log?: Logger; readonly only?: DeviceId; readonly onProgress?: (text: string) => void },
): Promise<OpenedDevices> {
  const log = options.log ?? silentLogger();
  const { clock } = options;
  const progress = options.onProgress ?? (() => undefined);
  const wanted = (id: DeviceId) => options.only === undefined || options.only === id;
  const devices: { -readonly [K in keyof KioskDevices]: KioskDevices[K] } = {};
  const problems = new Map<DeviceId, Problem>();
  const closers: (() => Promise<void>)[] = [];
  const startReports = new StartReports();
  const noted = (id: DeviceId, code: string, detail: string) => problems.set(id, explain(id, isBusyError(detail) ? 'port-busy' : code, detail));

  if (wanted('bill-acceptor')) {
    const created = createBillAcceptor(config.devices.billAcceptor, { clock, log });
    if (!created.ok) noted('bill-acceptor', 'cannot-open', created.error);
    else {
      const acceptor = startReports.billAcceptorThatRecords(created.value.acceptor);
      progress('bill acceptor: starting (status, reset, currency assignment)');
      const started = await acceptor.start();
      if (!started.ok) noted('bill-acceptor', started.error.kind === 'offline' ? 'not-responding' : 'failure', started.error.detail);
      devices.billAcceptor = { acceptor };
      closers.push(() => acceptor.stop());
    }
  }
  if (wanted('coin-hoppers')) {
    const created = createCoinHoppers(config.devices.coinHoppers, { clock, log });
    if (!created.ok) noted('coin-hoppers', 'cannot-open', created.error);
    else {
      const hoppers = startReports.coinHoppersThatRecord(created.value.hoppers);
      progress('coin hoppers: identify and read counters');
      const report = await hoppers.start();
      const down = report.hoppers.find((h) => h.state === 'offline' || h.state === 'unsupported');
      if (down) noted('coin-hoppers', down.state === 'unsupported' ? 'unsupported-encryption' : 'not-responding', down.detail ?? `${down.identity.coinValue}-won hopper ${down.state}`);
      devices.coinHoppers = { hoppers };
      closers.push(() => hoppers.stop());
    }
  }
  if (wanted('receipt-printer')) {
    const created = createReceiptPrinter(config.devices.receiptPrinter, { clock, log });
    progress('receipt printer: connecting');
    const started = await created.start();
    if (!started.ok) noted('receipt-printer', started.error.kind, started.error.detail);
    devices.receiptPrinter = created;
    closers.push(() => created.stop());
  }
  if (wanted('a4-printer')) devices.a4Printer = createA4Printer(config.devices.a4Printer, { clock, log });
  if (wanted('fingerprint')) {
    try {
      const setup = await createFingerprintReader(config.devices.fingerprint, { clock, log });
      progress('fingerprint reader: handshake');
      const connected = await setup.reader.connect();
      if (!connected.ok) noted('fingerprint', connected.error.kind, connected.error.detail);
      devices.fingerprint = setup;
      closers.push(() => setup.reader.close());
    } catch (error) {
      noted('fingerprint', 'not-found', (error as Error).message);
    }
  }
  if (wanted('keypad')) {
    const setup = createKeypad(config.devices.keypad, { clock, log });
    await setup.keypad.start();
    devices.keypad = setup;
    closers.push(() => setup.keypad.stop());
  }
  const diagnostics = diagnosticsFor(devices, { config, clock, escrowHandledBy: 'self', startReports });
  return {
    diagnostics,
    startProblems: problems,
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}
