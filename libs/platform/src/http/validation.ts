import { ParseEnumPipe, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
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

/** A path segment that must be one of `values`; anything else is a 400 naming the parameter. */
export function oneOfParam(name: string, values: readonly string[]): ParseEnumPipe {
  return new ParseEnumPipe(Object.fromEntries(values.map((v) => [v, v])), {
    exceptionFactory: () =>
      new RequestInvalidError('validation', 'REQUEST.INVALID', 'The request is invalid.', [
        { field: name, message: `${name} must be one of ${values.join(', ')}` },
      ]),
  });
}

/** Strings arrive trimmed; other types are left for the validators to refuse. */
export const Trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * An RFC 3339 timestamp with a zone that names a real instant: `2026-02-30T…`, week dates and
 * the other ISO 8601 forms JavaScript cannot read are refused here, not in PostgreSQL.
 */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetH, offsetM] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    calendar.getUTCMonth() === month! - 1 &&
    calendar.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetH! < 24 &&
    offsetM! < 60 &&
    !Number.isNaN(Date.parse(value))
  );
}

export const IsTimestamp = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value) => isTimestamp(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an RFC 3339 timestamp with a zone, such as 2026-11-28T14:30:00Z`,
          options,
        ),
      },
    },
    options,
  );
