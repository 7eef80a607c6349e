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

export class SessionExpiredError extends DomainError {
  constructor() {
    super('unauthenticated', 'AUTH.SESSION_EXPIRED', 'Your session has ended; sign in again.');
  }
}

export class CsrfRequiredError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'AUTH.CSRF_REQUIRED',
      'A change made with the session cookie needs the X-CSRF-Token header from GET /auth/session.',
    );
  }
}

export class SignInNotConfiguredError extends DomainError {
  constructor() {
    super(
      'not_found',
      'AUTH.SIGN_IN_NOT_CONFIGURED',
      'Sign-in is not set up here: OIDC_ISSUER and OIDC_CLIENT_ID are needed.',
    );
  }
}

/** The sign-in could not be finished: an old or replayed link, another browser, a refusal. */
export class SignInFailedError extends DomainError {
  constructor(message = 'The sign-in could not be finished. Start again.') {
    super('validation', 'AUTH.SIGN_IN_FAILED', message);
  }
}

/** Signed in at the provider, but nobody active in Intake by that subject or email. */
export class NotSetUpError extends DomainError {
  constructor() {
    super('forbidden', 'AUTH.NOT_SET_UP', 'You are not set up in Intake yet — ask your admin.');
  }
}
