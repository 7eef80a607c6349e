import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from '../../application/authenticate/authenticator';
import { SessionsService } from '../../application/sessions/sessions.service';
import { ForbiddenError } from '../../domain/access-errors';
import { Actor } from '../../domain/actor';
import { Permission } from '../../domain/role';
import { IS_PUBLIC } from '@intake/platform';
import { AuthenticatedRequest, REQUIRED_PERMISSION } from './auth.decorators';
import { cookieOf, csrfHeaderOf, SESSION_COOKIE } from './session-cookie';

/**
 * Installed for every route: a route is public only if it says so, so a new endpoint that
 * forgets to declare itself is closed, not open. A request with an `Authorization` header is
 * judged by it alone (API key or bearer JWT, no CSRF token); without one, the console's session
 * cookie, where the app serves sign-in.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    // Explicit token: a `T | null` parameter carries no type metadata for Nest to inject by.
    @Optional() @Inject(SessionsService) private readonly sessions: SessionsService | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    const permission = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, targets);
    if (permission && !actor.can(permission)) throw new ForbiddenError();
    return true;
  }

  private authenticate(request: AuthenticatedRequest): Promise<Actor> {
    const authorization = request.headers.authorization;
    const session = cookieOf(request, SESSION_COOKIE);
    if (authorization === undefined && session && this.sessions) {
      return this.sessions.authenticate(session, {
        method: request.method,
        csrfToken: csrfHeaderOf(request),
      });
    }
    return this.authenticator.authenticate(authorization);
  }
}
