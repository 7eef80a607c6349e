import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The request's X-Request-Id (set by the logger for every request), for history records. */
export const RequestId = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const id = context.switchToHttp().getRequest<{ id?: unknown }>().id;
  return id === undefined || id === null ? null : String(id);
});
