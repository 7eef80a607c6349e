export * from './lead-status';
export * from './inquiry';
export * from './lead';
export * from './duplicate-matching';
