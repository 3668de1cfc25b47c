export * from './dates';
export * from './organisation';
