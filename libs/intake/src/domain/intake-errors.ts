import { DomainError, FieldError, RateLimitedError } from '@intake/kernel';

export class SubmissionInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'SUBMISSION.INVALID', 'The submission has invalid fields.', fields);
  }
}

export class FormNotFoundError extends DomainError {
  constructor(formKey: string) {
    super('not_found', 'FORM.NOT_FOUND', `No form with key "${formKey}".`);
  }
}

export class OriginNotAllowedError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'FORM.ORIGIN_NOT_ALLOWED',
      'This website is not allowed to post to this form.',
    );
  }
}

export class FormInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'FORM.INVALID', 'The form settings are invalid.', fields);
  }
}

/** Over a form's per-source or per-form limit; nothing was stored. */
export class SubmissionThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(
      'SUBMISSION.THROTTLED',
      'Too many submissions; nothing was stored. Try again later.',
      retryAfterSeconds,
    );
  }
}

/** The form's captcha is fail-closed and its provider could not say; nothing was stored. */
export class CaptchaUnavailableError extends DomainError {
  constructor() {
    super(
      'unavailable',
      'CAPTCHA.UNAVAILABLE',
      'The check that you are a person could not be completed just now; nothing was stored. Please try again in a moment.',
    );
  }
}
