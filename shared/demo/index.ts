export * from './dates';
export * from './organisation';
export * from './repository';
