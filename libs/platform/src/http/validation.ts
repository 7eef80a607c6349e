import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@intake/kernel';

class RequestInvalidError extends DomainError {}

/** Field paths such as `callbackAt` or `items.0.name`, one entry per broken rule. */
function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * The one validation pipe: unknown fields are refused (a typo is not silently ignored), and
 * every problem comes back at once in the one error shape.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new RequestInvalidError(
        'validation',
        'REQUEST.INVALID',
        'The request is invalid.',
        fieldErrors(errors),
      ),
  });
}

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new RequestInvalidError('validation', 'REQUEST.INVALID', 'The request is invalid.', [
        { field: name, message: `${name} must be a UUID` },
      ]),
  });
}
