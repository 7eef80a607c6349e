export * from './business-time';
export * from './follow-up';
export * from './routing';
export * from './scheduling-errors';
export * from './scheduling-settings';
export * from './staff-schedule';
