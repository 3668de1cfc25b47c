export * from './file-backend';
export * from './layout';
export * from './atomic-write';
export * from './lock';
