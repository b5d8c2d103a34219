import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import type { KioskConfig } from '../config/schema';
import { diagnosticsFor, type KioskDevices, type StartReports } from '../diagnostics/devices';
import type { DeviceDiagnostics } from '../diagnostics/types';
import type { KioskDatabase } from '../store/database';
import type { CashOperations, LogSource, QueueStatus } from './ports';
import { ServiceMode } from './service-mode';

/**
 * Service mode for the running kiosk, from what the composition root already holds: the configuration, the
 * database, the devices the factories built (or their diagnostics), the money service, the sync client.
 */
export type KioskServiceModeInput = {
  readonly config: KioskConfig;
  readonly db: KioskDatabase;
  readonly clock: Clock;
  readonly log?: Logger;
  /** The devices as diagnostics (`kioskDiagnostics`), when the caller shares them (the heartbeat reads them too). */
  readonly diagnostics?: readonly DeviceDiagnostics[];
  /** Otherwise the devices, made into diagnostics here. */
  readonly devices?: KioskDevices;
  readonly startReports?: StartReports;
  readonly money?: CashOperations;
  readonly a4Paper?: SheetCounter;
  readonly receiptPrinter?: ReceiptPrinter;
  readonly sync?: { status(): QueueStatus };
  readonly citizenSessionActive?: () => boolean;
  readonly logSource?: LogSource;
};

/**
 * The running kiosk's devices as diagnostics: with a money service the bill acceptor's self-test leaves escrow
 * decisions to it (it gives back any note no session is collecting, journaled), and the hoppers' coins are the
 * ledger's.
 */
export function kioskDiagnostics(input: {
  readonly config: KioskConfig;
  readonly clock: Clock;
  readonly devices: KioskDevices;
  readonly startReports?: StartReports;
  readonly money?: CashOperations;
}): DeviceDiagnostics[] {
  const money = input.money;
  return diagnosticsFor(input.devices, {
    config: input.config,
    clock: input.clock,
    escrowHandledBy: money ? 'money-service' : 'self',
    ...(money ? { ledgerCoins: () => new Map(money.status().hoppers.map((h) => [h.coinValue, h.coins])) } : {}),
    ...(input.startReports ? { startReports: input.startReports } : {}),
  });
}

export function serviceModeForKiosk(input: KioskServiceModeInput): ServiceMode {
  const money = input.money;
  const devices =
    input.diagnostics ??
    kioskDiagnostics({
      config: input.config,
      clock: input.clock,
      devices: input.devices ?? {},
      ...(input.startReports ? { startReports: input.startReports } : {}),
      ...(money ? { money } : {}),
    });
  const sync = input.sync;
  return new ServiceMode({
    db: input.db,
    clock: input.clock,
    ...(input.log ? { log: input.log } : {}),
    kioskId: input.config.kioskId,
    kioskName: input.config.site.name,
    timeZone: input.config.hours.timeZone,
    pinHash: input.config.service.pinHash,
    dataDir: input.config.dataDir,
    devices,
    ...(money ? { cash: money } : {}),
    ...(input.a4Paper ? { a4Paper: input.a4Paper } : {}),
    ...(input.receiptPrinter ? { receiptPrinter: input.receiptPrinter } : {}),
    ...(sync ? { queue: () => sync.status() } : {}),
    ...(input.citizenSessionActive ? { citizenSessionActive: input.citizenSessionActive } : {}),
    ...(input.logSource ? { logSource: input.logSource } : {}),
  });
}
