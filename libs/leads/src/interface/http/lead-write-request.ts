import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@intake/access';
import type { CommandContext } from '../../application/shared/command-context';
import { expectedVersion } from './etag';

/** What every write to a lead carries besides its body: the version it was read at, and who asks. */
export interface LeadWriteRequest {
  expectedVersion: number | null;
  context: CommandContext;
}

/**
 * A write's `If-Match` (as the version it expects) and its command context (the authenticated
 * actor and the request id), for spreading into the command's props. Only behind the guard.
 */
export const WriteRequest = createParamDecorator(
  (_: unknown, execution: ExecutionContext): LeadWriteRequest => {
    const request = execution.switchToHttp().getRequest<{
      actor?: Actor;
      id?: unknown;
      headers: Record<string, string | string[] | undefined>;
    }>();
    if (!request.actor) throw new Error('WriteRequest used on a route without authentication');
    const ifMatch = request.headers['if-match'];
    return {
      expectedVersion: expectedVersion(Array.isArray(ifMatch) ? ifMatch[0] : ifMatch),
      context: {
        actor: request.actor,
        requestId: request.id === undefined || request.id === null ? null : String(request.id),
      },
    };
  },
);
