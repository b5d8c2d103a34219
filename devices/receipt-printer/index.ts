export * from './driver';
export * from './status';
export { createReceiptPrinter, type ReceiptPrinterDevice, type ReceiptPrinterDeps } from './factory';
export { ReceiptPrinterSimulator, type ReceiptPrinterControl, type ReceiptSimulatorEvent } from './simulator';
export { encodeReceipt, type KoreanTextMode } from './encode';
export type { PrintedReceipt, PrintedItem } from './paper';
