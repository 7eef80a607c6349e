import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from '../../application/authenticate/authenticator';
import { ForbiddenError } from '../../domain/access-errors';
import { Permission } from '../../domain/role';
import { IS_PUBLIC } from '@intake/platform';
import { AuthenticatedRequest, REQUIRED_PERMISSION } from './auth.decorators';

/**
 * Installed for every route: a route is public only if it says so, so a new endpoint that
 * forgets to declare itself is closed, not open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticator.authenticate(request.headers.authorization);
    request.actor = actor;
    const permission = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, targets);
    if (permission && !actor.can(permission)) throw new ForbiddenError();
    return true;
  }
}
