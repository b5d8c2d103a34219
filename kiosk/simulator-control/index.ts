export { describeDevice, type SimulatedDevice, type SimulatorState } from './device';
export { registerSimulatorRoutes, type SimulatorControl } from './routes';
export { fingerprintDevice } from './fingerprint';
export { keypadDevice } from './keypad';
export { receiptPrinterDevice } from './receipt-printer';
export { a4PrinterDevice } from './a4-printer';
export { cashSimulatorDevices } from './cash';
export { panelResidents } from './residents';
