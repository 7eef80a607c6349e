import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The request's X-Request-Id (set by the logger for every request), for history records. */
export function requestIdOf(request: { id?: unknown }): string | null {
  return request.id === undefined || request.id === null ? null : String(request.id);
}

/** `requestIdOf` the request a handler serves. */
export const RequestId = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestIdOf(context.switchToHttp().getRequest<{ id?: unknown }>()),
);
