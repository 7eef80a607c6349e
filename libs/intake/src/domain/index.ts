export * from './consultation-request';
export * from './form';
export * from './spam';
export * from './normalization';
export * from './intake-errors';
export * from './us-states';
export * from './submission';
export * from './form-consent';
