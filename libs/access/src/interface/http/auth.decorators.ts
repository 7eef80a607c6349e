import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrorResponses } from '@intake/platform';
import type { Request } from 'express';
import { Actor } from '../../domain/actor';
import { Permission } from '../../domain/role';

export const REQUIRED_PERMISSION = 'intake:permission';

/** Needs a credential whose role grants `permission` (see ROLE_PERMISSIONS). */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth('apiKey'),
    ApiBearerAuth('oidc'),
    ApiErrorResponses({
      status: 503,
      description:
        "`AUTH.PROVIDER_UNAVAILABLE`: a bearer JWT, and the OIDC provider's keys cannot be fetched.",
    }),
  );

export type AuthenticatedRequest = Request & { actor?: Actor; id?: string };

/** The authenticated staff member; only on routes behind the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
