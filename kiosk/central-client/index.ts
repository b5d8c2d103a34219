export * from './client';
export * from './connect';
