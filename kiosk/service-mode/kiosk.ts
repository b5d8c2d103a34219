import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import type { KioskConfig } from '../config/schema';
import { diagnosticsFor, type KioskDevices, type StartReports } from '../diagnostics/devices';
import type { KioskDatabase } from '../store/database';
import type { CashOperations, LogSource, QueueStatus } from './ports';
import { ServiceMode } from './service-mode';

/**
 * Service mode for the running kiosk, from what the composition root already holds: the configuration, the
 * database, the devices the factories built, the money service, the sync client. With a money service the bill
 * acceptor's self-test leaves escrow decisions to it (it gives back any note no session is collecting, journaled).
 */
export type KioskServiceModeInput = {
  readonly config: KioskConfig;
  readonly db: KioskDatabase;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly devices: KioskDevices;
  readonly startReports?: StartReports;
  readonly money?: CashOperations;
  readonly a4Paper?: SheetCounter;
  readonly receiptPrinter?: ReceiptPrinter;
  readonly sync?: { status(): QueueStatus };
  readonly citizenSessionActive?: () => boolean;
  readonly logSource?: LogSource;
};

export function serviceModeForKiosk(input: KioskServiceModeInput): ServiceMode {
  const money = input.money;
  const devices = diagnosticsFor(input.devices, {
    config: input.config,
    clock: input.clock,
    escrowHandledBy: money ? 'money-service' : 'self',
    ...(money ? { ledgerCoins: () => new Map(money.status().hoppers.map((h) => [h.coinValue, h.coins])) } : {}),
    ...(input.startReports ? { startReports: input.startReports } : {}),
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
