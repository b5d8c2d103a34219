export * from './resident-number';
export * from './entry';
export * from './messages';
export * from './private-text';
export * from './service';
export { identifyActor, identityMachineFor } from './actor';
