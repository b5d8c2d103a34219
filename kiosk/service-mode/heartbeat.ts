import type { Heartbeat } from '../../central-office/contract/api';
import type { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { DeviceDiagnostics } from '../diagnostics/types';
import type { CashOperations } from './ports';

/**
 * The health the kiosk sends with each heartbeat (kiosk/sync/heartbeat.ts `HealthSource`), from the same device
 * reports service mode shows: device states in service mode's words (`ok`, `warning`, `fault`, `offline`, `absent`
 * — what the operator page reads), the first problem's code and plain words as the detail, A4 sheets left, whether
 * the receipt roll is near its end, coins per hopper and the cash box from the ledger.
 */
export function heartbeatHealth(input: {
  readonly softwareVersion: string;
  readonly devices: readonly DeviceDiagnostics[];
  readonly cash?: CashOperations;
  readonly a4Paper?: SheetCounter;
}): () => Promise<Omit<Heartbeat, 'queue'>> {
  return async () => {
    const reports = await Promise.all(input.devices.map((device) => device.report()));
    const devices: Heartbeat['devices'] = {};
    for (const report of reports) {
      const problem = report.problems[0];
      devices[report.id] = problem ? { state: report.health, detail: `${problem.code}: ${problem.what.en}` } : { state: report.health };
    }
    const receipt = reports.find((report) => report.id === 'receipt-printer');
    const cash = input.cash?.status();
    return {
      softwareVersion: input.softwareVersion,
      devices,
      paper: {
        a4Sheets: input.a4Paper?.count.remaining ?? null,
        receiptLow: receipt ? receipt.problems.some((problem) => problem.code === 'paper-near-end' || problem.code === 'paper-out') : false,
      },
      coins: Object.fromEntries((cash?.hoppers ?? []).map((hopper) => [String(hopper.coinValue), hopper.coins])),
      cashBox: { notes: cash?.cashBox.notes ?? 0, total: cash?.cashBox.total ?? 0 },
    };
  };
}
