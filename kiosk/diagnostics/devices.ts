import type { Clock } from '../../common/clock';
import type { Won } from '../../common/money';
import type { A4Printer } from '../../devices/a4-printer/driver';
import type { BillAcceptor, BillAcceptorStartReport } from '../../devices/bill-acceptor/bill-acceptor';
import type { CoinHoppers, HopperStartReport } from '../../devices/coin-hopper/coin-hoppers';
import type { FingerprintReader } from '../../devices/fingerprint/driver';
import type { Keypad } from '../../devices/keypad/driver';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import type { KioskConfig } from '../config/schema';
import { A4PrinterDiagnostics } from './a4-printer';
import { BillAcceptorDiagnostics } from './bill-acceptor';
import { CoinHoppersDiagnostics } from './coin-hoppers';
import { FingerprintDiagnostics } from './fingerprint';
import { KeypadDiagnostics } from './keypad';
import { ReceiptPrinterDiagnostics } from './receipt-printer';
import type { DeviceDiagnostics } from './types';

/**
 * Diagnostics over the kiosk's real device objects. The composition root passes what the device factories gave it
 * (`createBillAcceptor(…).value`, `createCoinHoppers(…).value`, `createReceiptPrinter(…)`, `createA4Printer(…)`,
 * `createFingerprintReader(…)`, `createKeypad(…)`) — the same objects the session and the money service use — and
 * gets one `DeviceDiagnostics` per device.
 */
export type KioskDevices = {
  readonly billAcceptor?: { readonly acceptor: BillAcceptor };
  readonly coinHoppers?: { readonly hoppers: CoinHoppers };
  readonly receiptPrinter?: { readonly printer: ReceiptPrinter };
  readonly a4Printer?: { readonly printer: A4Printer };
  readonly fingerprint?: { readonly reader: FingerprintReader };
  readonly keypad?: { readonly keypad: Keypad };
};

export type DiagnosticsOptions = {
  readonly config: Pick<KioskConfig, 'kioskId' | 'site' | 'devices'>;
  readonly clock: Clock;
  /** `money-service` in the running kiosk (it answers every escrow); `self` on a technician's laptop. */
  readonly escrowHandledBy: 'money-service' | 'self';
  /** The ledger's coins per hopper (MoneyService.status().hoppers). */
  readonly ledgerCoins?: () => ReadonlyMap<Won, number>;
  readonly startReports?: StartReports;
};

export function diagnosticsFor(devices: KioskDevices, options: DiagnosticsOptions): DeviceDiagnostics[] {
  const { config, clock } = options;
  const drivers = config.devices;
  const kioskName = config.site.name.ko;
  const list: DeviceDiagnostics[] = [];
  if (devices.billAcceptor) {
    list.push(
      new BillAcceptorDiagnostics(devices.billAcceptor.acceptor, {
        driver: drivers.billAcceptor.driver,
        clock,
        escrowHandledBy: options.escrowHandledBy,
        startReport: () => options.startReports?.billAcceptor,
      }),
    );
  }
  if (devices.coinHoppers) {
    list.push(
      new CoinHoppersDiagnostics(devices.coinHoppers.hoppers, {
        driver: drivers.coinHoppers.driver,
        clock,
        ...(options.ledgerCoins ? { ledgerCoins: options.ledgerCoins } : {}),
        startReport: () => options.startReports?.coinHoppers,
      }),
    );
  }
  if (devices.receiptPrinter) {
    list.push(new ReceiptPrinterDiagnostics(devices.receiptPrinter.printer, { driver: drivers.receiptPrinter.driver, clock, kioskId: config.kioskId, kioskName }));
  }
  if (devices.a4Printer) list.push(new A4PrinterDiagnostics(devices.a4Printer.printer, { driver: drivers.a4Printer.driver, clock, kioskId: config.kioskId, kioskName }));
  if (devices.fingerprint) list.push(new FingerprintDiagnostics(devices.fingerprint.reader, { driver: drivers.fingerprint.driver, clock }));
  if (devices.keypad) list.push(new KeypadDiagnostics(devices.keypad.keypad, { driver: drivers.keypad.driver, clock }));
  return list;
}

/**
 * What the cash devices said when they started (firmware version, hopper serial numbers). The money service starts
 * them itself, so the composition root hands it `startReports.billAcceptorThatRecords(acceptor)` (and the same for
 * the hoppers) instead of the bare driver: the very same object, whose `start()` answer is kept here.
 */
export class StartReports {
  billAcceptor: BillAcceptorStartReport | undefined;
  coinHoppers: HopperStartReport | undefined;

  billAcceptorThatRecords(acceptor: BillAcceptor): BillAcceptor {
    return recording(acceptor, 'start', (report) => {
      if (report.ok) this.billAcceptor = report.value;
    });
  }

  coinHoppersThatRecord(hoppers: CoinHoppers): CoinHoppers {
    return recording(hoppers, 'start', (report) => {
      this.coinHoppers = report;
    });
  }
}

function recording<T extends object, K extends keyof T>(
  target: T,
  method: K,
  record: (answer: T[K] extends (...args: never[]) => Promise<infer R> ? R : never) => void,
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === method) {
        return async (...args: unknown[]) => {
          const answer = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          record(answer as Parameters<typeof record>[0]);
          return answer;
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}
