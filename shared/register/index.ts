export * from './contract';
export * from './errors';
export * from './event-chain';
export * from './hash';
export * from './indexing';
export * from './register';
export * from './memory-backend';
