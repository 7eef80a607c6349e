/** How an error maps to the edge; the HTTP filter turns each kind into one status. */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'precondition_failed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  /** Too many requests; the caller may try again after `retryAfterSeconds`. */
  | 'rate_limited'
  /** A service this request depends on is down; the caller may retry. */
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

/** Base for every rule violation, with a stable code such as `SUBMISSION.INVALID`. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A refusal that lifts with time: the edge says when (`Retry-After`). */
export class RateLimitedError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', code, message);
  }
}
