export * from './manifest';
export * from './write-pack';
export * from './verify-pack';
