// The SharePoint connector: the shared AI system inventory list and evidence documents, over Microsoft Graph.
export * from './errors';
export * from './clean-text';
export * from './graph-client';
export * from './inventory-row';
export * from './inventory-list';
export * from './three-way-merge';
export * from './sync-state';
export * from './site';
export * from './delta-pull';
export * from './inventory-sync';
export * from './evidence';
export * from './conflicts';
export * from './shared-document';
