import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import { IdentityProviderUnavailableError, UnauthenticatedError } from '../../domain/access-errors';
import { Actor } from '../../domain/actor';
import { apiKeyMatches, apiKeyPrefixOf } from '../../domain/api-key-secret';
import { ApiKeyRepository } from '../../infrastructure/api-key.repository';
import {
  InvalidTokenError,
  OidcTokenVerifier,
} from '../../infrastructure/oidc/oidc-token-verifier';
import { StaffRepository } from '../../infrastructure/staff.repository';

/** Last-used times are kept to the minute: a write per request would be a write per read. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns an `Authorization` header into the staff member behind it: an API key (`ik_…`) or, when
 * an OIDC issuer is configured, a JWT from it. Every failure is the same 401 to the caller.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly staff: StaffRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    // Explicit token: a `T | null` parameter carries no type metadata for Nest to inject by.
    @Optional() @Inject(OidcTokenVerifier) private readonly oidc: OidcTokenVerifier | null,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new UnauthenticatedError();
    const credential = match[1]!;
    if (credential.startsWith('ik_')) return this.byApiKey(credential);
    if (this.oidc) return this.byToken(this.oidc, credential);
    throw new UnauthenticatedError('The credential is not valid.');
  }

  private async byApiKey(plaintext: string): Promise<Actor> {
    const prefix = apiKeyPrefixOf(plaintext);
    const key = prefix ? await this.keys.findUsableByPrefix(prefix) : null;
    if (!key || !key.staff.active || !apiKeyMatches(plaintext, key.secretHash)) {
      throw new UnauthenticatedError('The API key is not valid, or was revoked.');
    }
    const now = this.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.keys.markUsed(key.id, now);
    }
    return new Actor(key.staff.id, key.staff.role, 'api_key');
  }

  /** The token's subject is a staff member: known ones keep their record, new ones get one. */
  private async byToken(oidc: OidcTokenVerifier, token: string): Promise<Actor> {
    let verified;
    try {
      verified = await oidc.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      if (error.reason === 'jwks_unavailable') {
        // The provider's fault, not the caller's: 503, so clients retry instead of logging out.
        this.logger.warn({ reason: error.reason }, 'identity provider unreachable');
        throw new IdentityProviderUnavailableError();
      }
      this.logger.log({ reason: error.reason }, 'bearer token refused');
      throw new UnauthenticatedError('The bearer token is not valid.');
    }
    const now = this.clock.now();
    const oidcSubject = { issuer: verified.issuer, subject: verified.subject };
    const member =
      (await this.staff.findByOidcSubject(verified.issuer, verified.subject)) ??
      (await this.staff.findOrInsertBySubject(oidcSubject, {
        id: this.ids.next(),
        name: verified.name ?? verified.subject,
        email: verified.email,
        role: verified.role,
        active: true,
        createdAt: now,
        updatedAt: now,
      }));
    if (!member.active) throw new UnauthenticatedError('The staff member is deactivated.');
    if (member.role !== verified.role) {
      // The identity provider is the source of truth for a token's role.
      await this.staff.update(member.id, { role: verified.role, updatedAt: now });
    }
    return new Actor(member.id, verified.role, 'oidc');
  }
}
