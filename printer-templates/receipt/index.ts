export * from './document';
export * from './layout';
export { transactionReceipt, type TransactionReceiptInput } from './transaction';
export { refundVoucher, refundVoucherQrText, parseRefundVoucherQr, REFUND_QR_PREFIX, type RefundVoucherInput } from './refund-voucher';
export { testPage, type TestPageInput } from './test-page';
export { endOfDaySlip, type EndOfDayInput } from './end-of-day';
