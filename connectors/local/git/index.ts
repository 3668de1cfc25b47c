export * from './cat-file';
export * from './git-command';
export * from './repo';
export * from './scan-commit';
export * from './tree';
export * from './target';
