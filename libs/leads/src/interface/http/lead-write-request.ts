import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { authenticatedActorOf, AuthenticatedRequest } from '@intake/access';
import { requestIdOf } from '@intake/platform';
import type { CommandContext } from '../../application/write-lead/command-context';
import { expectedVersion } from './etag';

/** What every write to a lead carries besides its body: the version it was read at, and who asks. */
export interface LeadWriteRequest {
  expectedVersion: number | null;
  context: CommandContext;
}

/**
 * A write's `If-Match` (as the version it expects) and its command context (the authenticated
 * actor and the request id, read as `CurrentActor` and `RequestId` read them), for spreading into
 * the command's props. Only behind the guard.
 */
export const WriteRequest = createParamDecorator(
  (_: unknown, execution: ExecutionContext): LeadWriteRequest => {
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = authenticatedActorOf(request, 'WriteRequest');
    const ifMatch = request.headers['if-match'];
    return {
      expectedVersion: expectedVersion(Array.isArray(ifMatch) ? ifMatch[0] : ifMatch),
      context: { actor, requestId: requestIdOf(request) },
    };
  },
);
