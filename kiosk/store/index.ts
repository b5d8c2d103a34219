export * from './database';
export * from './migrations';
export * from './journal';
export * from './outbox';
