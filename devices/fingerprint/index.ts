export { createFingerprintReader, type FingerprintDeps, type FingerprintSetup, type FingerprintSimulatorControl } from './factory';
export type { CaptureFailure, CaptureOptions, CaptureProgress, FingerGuidance, FingerprintReader, ReaderFault, ReaderInfo, ReaderStatus } from './driver';
export { R30xDriver } from './driver';
export { FingerprintTemplate } from './template';
export { FingerprintSimulator, type FingerprintSimulatorEvent, type PoorFingerProblem } from './simulator';
