import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind, FieldError, RateLimitedError } from '@intake/kernel';
import { ErrorBody } from './error-body';
import { errorPage } from './error-page';
import { isBrowserFormPost } from '../http/browser-form-post';
import { loggableError } from '../logging/loggable-error';
import { isDatabaseBusy } from '../database/database-check';

export function statusForKind(kind: DomainErrorKind): number {
  switch (kind) {
    case 'validation':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'precondition_failed':
      return HttpStatus.PRECONDITION_FAILED;
    case 'unsupported_media_type':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'payload_too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  fields: FieldError[];
}

/** Maps every error to the public error body; nothing internal leaks to the client. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const { status, ...error } = this.map(exception);
    const busy = isDatabaseBusy(exception);
    if (busy) {
      this.logger.warn({ err: loggableError(exception), requestId: request.id }, 'database busy');
    } else if (status >= 500) {
      // The error object only: request bodies hold personal data and are never logged.
      this.logger.error(
        { err: loggableError(exception), requestId: request.id },
        'unhandled error',
      );
    }
    const body: ErrorBody = { error: { ...error, requestId: String(request.id ?? '') } };
    if (response.headersSent) return;
    // The body of a refused upload is left unread: close rather than drain it.
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) response.setHeader('Connection', 'close');
    if (status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    if (busy) response.setHeader('Retry-After', '1');
    if (exception instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(Math.max(1, exception.retryAfterSeconds)));
    }
    if (isBrowserFormPost(request)) {
      response.status(status).type('html').send(errorPage(status, body));
    } else {
      response.status(status).json(body);
    }
  }

  private map(exception: unknown): Mapped {
    if (exception instanceof DomainError) {
      return {
        status: statusForKind(exception.kind),
        code: exception.code,
        message: exception.message,
        fields: exception.fields,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const messages =
        typeof response === 'object' &&
        response !== null &&
        Array.isArray((response as { message?: unknown }).message)
          ? ((response as { message: string[] }).message ?? [])
          : [];
      return {
        status,
        code: `HTTP.${HttpStatus[status] ?? status}`,
        message: messages.length > 0 ? 'The request is invalid.' : exception.message,
        fields: messages.map((m) => ({ field: m.split(' ')[0] ?? '', message: m })),
      };
    }
    if (isDatabaseBusy(exception)) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'DATABASE.BUSY',
        message:
          'The database did not answer in time (a record is being changed, or the service is overloaded). Nothing was stored; try again.',
        fields: [],
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: 'Something went wrong on our side. The request was not stored.',
      fields: [],
    };
  }
}
