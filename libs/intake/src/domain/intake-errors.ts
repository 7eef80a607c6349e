import { DomainError, FieldError } from '@intake/kernel';

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
