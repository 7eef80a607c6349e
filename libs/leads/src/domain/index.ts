export * from './lead-status';
export * from './inquiry';
export * from './lead';
export * from './lead-errors';
export * from './lead-history';
export * from './contact-attempt';
export * from './crisis-language';
export * from './duplicate-matching';
