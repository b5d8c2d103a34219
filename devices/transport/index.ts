export * from './transport';
export { LoopbackPair, type LoopbackOptions } from './loopback';
export { SerialTransport, serialPortListed } from './serial';
export { HidStreamTransport, openNodeHid, nodeHidPresent, type HidDevice, type HidFraming, type HidOpener, type HidSelector } from './hid';
export { LocatedSerialTransport } from './located-serial';
export * from './match';
export * from './supervisor';
export * from './bytes';
