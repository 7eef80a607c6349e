export * from './domain';
export * from './intake.module';
export * from './intake-maintenance.module';
export * from './infrastructure/intake.pruner';
export * from './infrastructure/form.repository';
export * from './application/submit-form/submit-form.command';
export * from './application/submit-form/submission-metrics';
export * from './application/issue-start-token/issue-start-token.query';
