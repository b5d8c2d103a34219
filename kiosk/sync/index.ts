export * from './backoff';
export * from './sync-client';
export * from './sync-state';
export * from './heartbeat';
