export * from './domain-error';
export * from './aggregate-root';
export * from './attribution';
export * from './routing';
export * from './consent';
