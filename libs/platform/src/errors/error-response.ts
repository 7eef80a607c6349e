import { applyDecorators } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  ApiExtraModels,
  ApiProperty,
  ApiResponse,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorBody } from './error-body';

/** ErrorBody as OpenAPI schemas; `ErrorBody` stays the type the filter writes. */
@ApiSchema({ name: 'FieldError', description: 'One problem with one field.' })
export class FieldErrorResponse {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'must be a valid email address' })
  message!: string;
}

@ApiSchema({ name: 'ErrorDetail' })
export class ErrorDetailResponse {
  @ApiProperty({
    description: 'Stable and machine-readable.',
    examples: ['SUBMISSION.INVALID'],
  })
  code!: string;

  @ApiProperty({ description: 'For a person; the wording may change.' })
  message!: string;

  @ApiProperty({
    type: () => [FieldErrorResponse],
    description: 'Every field error at once; empty when the error is not about fields.',
  })
  fields!: FieldErrorResponse[];

  @ApiProperty({ description: 'The X-Request-Id of the request, for support and the logs.' })
  requestId!: string;
}

@ApiSchema({ name: 'Error', description: 'The one public error shape.' })
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ type: () => ErrorDetailResponse })
  error!: ErrorDetailResponse;
}

/** One documented error status: which codes, and when. */
export interface ErrorResponseSpec {
  status: number;
  /** Defaults to the status's reason phrase. */
  description?: string;
  /**
   * A browser posting a plain HTML form gets the error as a page (same status, code, fields and
   * request id): documents `text/html` next to JSON.
   */
  html?: boolean;
  /** Response headers that come with this error, such as `Retry-After`. */
  headers?: Record<string, { description?: string; schema: { type: string } }>;
}

/**
 * Documents error responses with the shared `Error` body, one line per endpoint or controller:
 * `@ApiErrorResponses(401, 403)` or `@ApiErrorResponses({ status: 404, description: '`X.NOT_FOUND`.' })`.
 */
export function ApiErrorResponses(
  ...errors: Array<number | ErrorResponseSpec>
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...errors.map((error) => {
      const { status, description, html, headers } =
        typeof error === 'number' ? ({ status: error } as ErrorResponseSpec) : error;
      return ApiResponse({
        status,
        ...(headers ? { headers } : {}),
        description: description ?? STATUS_CODES[status] ?? String(status),
        content: {
          'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } },
          ...(html ? { 'text/html': { schema: { type: 'string' } } } : {}),
        },
      });
    }),
  );
}
