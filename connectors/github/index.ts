// The GitHub connector: organisation, user and repository scans over the REST API, and pull-request
// triggers. Runs in Node and in the extension's background (no Node-only API on this path).
export * from './api';
export * from './client';
export * from './inventory';
export * from './org-scan';
export * from './paths';
export * from './permalink';
export * from './pull-request';
export * from './repo-scan';
export * from './repositories';
export * from './store';
