import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, DocumentBuilder } from '@nestjs/swagger';
import { ApiErrorResponses, clientRequestIdOf, requestIdOf } from '@intake/platform';
import type { Request } from 'express';
import { Actor } from '../../domain/actor';
import { auditActorOf, AuditContext } from '../../domain/admin-audit';
import { Permission } from '../../domain/role';

export const REQUIRED_PERMISSION = 'intake:permission';

/**
 * The schemes RequirePermission names, for an app's document: two bearer schemes and, where the
 * app serves the console's sign-in, its session cookie. No global requirement: public routes
 * stay open, and protected ones say which schemes they take.
 */
export function addAuthSchemes(
  builder: DocumentBuilder,
  options: { session?: boolean } = {},
): DocumentBuilder {
  if (options.session) {
    builder.addCookieAuth(
      'intake_session',
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          "The console's session, set by signing in at `/auth/login`. POST, PUT, PATCH and DELETE made with it must also send `X-CSRF-Token` (from `GET /auth/session`), else `403 AUTH.CSRF_REQUIRED`; an ended session answers `401 AUTH.SESSION_EXPIRED`.",
      },
      'session',
    );
  }
  return builder
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'ik_...',
        description: 'An API key: `Authorization: Bearer ik_...`.',
      },
      'apiKey',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          "A staff member's OpenID Connect access token: `Authorization: Bearer <token>`.",
      },
      'oidc',
    );
}

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

/**
 * The staff member the guard authenticated; `usedBy` names the decorator for the error a route
 * without the guard gets.
 */
export function authenticatedActorOf(request: AuthenticatedRequest, usedBy: string): Actor {
  if (!request.actor) throw new Error(`${usedBy} used on a route without authentication`);
  return request.actor;
}

/** The authenticated staff member; only on routes behind the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) =>
  authenticatedActorOf(context.switchToHttp().getRequest<AuthenticatedRequest>(), 'CurrentActor'),
);

/**
 * Who is changing what, for the admin audit: the authenticated actor, the server's request id
 * and the client's own well-formed `X-Request-Id`. Only on routes behind the guard.
 */
export const CurrentAuditContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuditContext => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return {
      actor: auditActorOf(authenticatedActorOf(request, 'CurrentAuditContext')),
      requestId: requestIdOf(request),
      clientRequestId: clientRequestIdOf(request),
    };
  },
);
