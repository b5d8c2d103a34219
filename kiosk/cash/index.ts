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
export { MoneyService, NO_SESSION, NOTE_SETTLE_TIMEOUT_MS, MAX_COINS_PER_DISPENSE, type MoneyServiceOptions, type JournalHookEvent } from './money-service';
export { createCashDevices, type CashDevices } from './devices';
export { paymentActorsFor } from './payment-actors';
