import { DomainError, FieldError } from '@intake/kernel';

export class AnalyticsQueryInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'REQUEST.INVALID', 'The request is invalid.', fields);
  }
}
