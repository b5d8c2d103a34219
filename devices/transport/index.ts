export * from './transport';
export { LoopbackPair, type LoopbackOptions } from './loopback';
export { SerialTransport, serialPortListed } from './serial';
