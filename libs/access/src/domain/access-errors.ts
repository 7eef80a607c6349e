import { DomainError, FieldError } from '@intake/kernel';

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Send an API key or a bearer token: Authorization: Bearer <credential>.') {
    super('unauthenticated', 'AUTH.UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', 'AUTH.FORBIDDEN', message);
  }
}

export class StaffNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'STAFF.NOT_FOUND', `No staff member ${id}.`);
  }
}

export class ApiKeyNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'API_KEY.NOT_FOUND', `No API key ${id}.`);
  }
}

export class StaffInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'STAFF.INVALID', 'The request is invalid.', fields);
  }
}

export class IdentityProviderUnavailableError extends DomainError {
  constructor() {
    super(
      'unavailable',
      'AUTH.PROVIDER_UNAVAILABLE',
      "The identity provider's signing keys cannot be fetched right now; retry shortly.",
    );
  }
}
