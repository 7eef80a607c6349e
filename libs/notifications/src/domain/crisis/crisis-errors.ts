import { DomainError, FieldError } from '@intake/kernel';

export class OnCallSettingsInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'CRISIS.ON_CALL_INVALID', 'The on-call settings are invalid.', fields);
  }
}

export class CrisisPageNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'CRISIS.PAGE_NOT_FOUND', `No crisis page ${id}.`);
  }
}
