export * from './types';
export * from './policy';
export {
  CashLedger,
  heldFor,
  defaultVoucherCode,
  CASH_STEPS,
  type CashAccount,
  type CashBoxContent,
  type CashStep,
  type RefundVoucher,
  type VoucherReason,
  type DispensePurpose,
} from './ledger';
export { MoneyService, NO_SESSION, NOTE_SETTLE_TIMEOUT_MS, type MoneyServiceOptions, type JournalHookEvent } from './money-service';
export { MAX_COINS_PER_DISPENSE } from './payout';
export { createCashDevices, type CashDevices } from './devices';
