export { closeDay, lastClose, ledgerBox, printSlip, type CashBoxCount, type CloseFlag, type DayCloseDeps, type DayCloseError, type DayCloseInput, type DayCloseResult, type DayCloseSummary } from './close';
export { describeClose, describeFlag } from './describe';
