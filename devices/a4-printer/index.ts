export * from './driver';
export * from './status';
export * from './paper-counter';
export { createA4Printer, type A4PrinterDevice, type A4PrinterDeps } from './factory';
export { A4PrinterSimulator, type A4PrinterControl, type SimulatedJobRecord, type A4SimulatorEvent } from './simulator';
export { httpIppTransport, type IppTransport } from './ipp-transport';
