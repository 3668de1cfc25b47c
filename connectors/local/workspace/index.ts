export * from './file-backend';
export * from './layout';
export * from './atomic-write';
export * from './lock';
export * from './record-cache';
export * from './native-sha256';
export * from './verify-workspace';
export * from './verified-state';
