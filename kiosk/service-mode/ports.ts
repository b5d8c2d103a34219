import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { Result } from '../../common/result';
import type { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import type { CashStatus, ServiceError } from '../cash/types';
import type { DeviceDiagnostics } from '../diagnostics/types';
import type { KioskDatabase } from '../store/database';

/**
 * What service mode needs from the running kiosk, kept small so that the composition root only passes in what it
 * already has: the devices (as diagnostics, `diagnosticsFor(devices, …)`), the money service, the A4 sheet counter,
 * the receipt printer, the sync client's status, and whether a citizen is being served. Everything is optional
 * except the database: a kiosk without a part simply does not offer its functions.
 */

/** The money service's service-mode functions (kiosk/cash MoneyService has exactly these). */
export interface CashOperations {
  status(): CashStatus;
  refillHopper(coinValue: Won, coins: number): Result<void, ServiceError>;
  countHopper(coinValue: Won, coins: number): Result<void, ServiceError>;
  collectCashBox(): Result<{ readonly byDenomination: Readonly<Record<string, number>>; readonly notes: number; readonly total: Won }, ServiceError>;
}

/** The offline queue as the sync client reports it (SyncClient.status() fits). */
export type QueueStatus = {
  readonly depth: number;
  readonly oldestUnsentAgeSeconds: number | null;
  readonly rejected: number;
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
};

/** Recent log lines of the kiosk process for the export (e.g. from journald); already free of personal data. */
export type LogSource = () => Promise<readonly string[]>;

export type ServiceModeOptions = {
  readonly db: KioskDatabase;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly kioskId: string;
  readonly kioskName: { readonly ko: string; readonly en: string };
  readonly timeZone: string;
  /** `service.pinHash` from the configuration. */
  readonly pinHash: string;
  /** Where exports are written (`<dataDir>/exports`). */
  readonly dataDir: string;
  readonly devices?: readonly DeviceDiagnostics[];
  readonly cash?: CashOperations;
  /** The A4 printer's sheet counter: refills set it (the composition root keeps it in the database, kiosk/adapters/paper-store.ts). */
  readonly a4Paper?: SheetCounter;
  /** For the end-of-day slip. */
  readonly receiptPrinter?: ReceiptPrinter;
  /** The sync client's status; without it the queue is read from the database. */
  readonly queue?: () => QueueStatus;
  /** True while a citizen is being served: cash functions and self-tests wait for the session to end. */
  readonly citizenSessionActive?: () => boolean;
  readonly logSource?: LogSource;
};
