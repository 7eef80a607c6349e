import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { asInt } from '@intake/platform';
import type { SessionPolicy } from '../../domain/session';
import type { SignInSite } from '../../application/sign-in/sign-in-site';
import type { OidcConfig } from './oidc.config';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The console's sign-in (authorization code + PKCE at OIDC_ISSUER, as a confidential client) and
 * its sessions. Off until OIDC_CLIENT_ID is set; cross-variable rules are in `problems()`.
 */
export class SignInConfig implements SignInSite {
  /** Where browsers reach Intake: the origin of the console, the cookie and the callback. */
  @Matches(/^https?:\/\/[^\s/?#]+$/, { message: 'must be an http(s) origin without a path' })
  PUBLIC_URL = 'http://localhost:3000';

  /** The console's client at the provider. Empty: console sign-in is off. */
  @IsString()
  OIDC_CLIENT_ID = '';

  @IsString()
  OIDC_CLIENT_SECRET = '';

  /** Registered at the provider; empty: `${PUBLIC_URL}/auth/callback`. */
  @Matches(/^(https?:\/\/[^\s?#]+)?$/, { message: 'must be an http(s) URL without query' })
  OIDC_REDIRECT_URI = '';

  @asInt()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @asInt()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  get enabled(): boolean {
    return this.OIDC_CLIENT_ID !== '';
  }

  publicOrigin(): string {
    return new URL(this.PUBLIC_URL).origin;
  }

  redirectUri(): string {
    return this.OIDC_REDIRECT_URI || `${this.publicOrigin()}/auth/callback`;
  }

  /** Where the provider sends the browser after signing out there. */
  postLogoutRedirectUri(): string {
    return `${this.publicOrigin()}/console/`;
  }

  /** Plain http only on this machine: browsers drop a Secure cookie over http. */
  isLocal(): boolean {
    const url = new URL(this.PUBLIC_URL);
    return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  }

  sessionPolicy(): SessionPolicy {
    return {
      idleMs: this.SESSION_IDLE_MINUTES * 60_000,
      maxMs: this.SESSION_MAX_HOURS * 3_600_000,
    };
  }

  /** Rules across variables; empty when usable. Messages name no values. */
  problems(oidc: OidcConfig): string[] {
    const problems: string[] = [];
    const url = new URL(this.PUBLIC_URL);
    if (url.protocol !== 'https:' && !this.isLocal()) {
      problems.push('PUBLIC_URL must be https (plain http only for localhost or 127.0.0.1)');
    }
    if (this.SESSION_IDLE_MINUTES > this.SESSION_MAX_HOURS * 60) {
      problems.push('SESSION_IDLE_MINUTES is longer than SESSION_MAX_HOURS');
    }
    if (!this.enabled) {
      for (const name of ['OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const) {
        if (this[name] !== '') problems.push(`${name} is set but OIDC_CLIENT_ID is not`);
      }
      return problems;
    }
    if (!oidc.enabled) problems.push('OIDC_ISSUER is missing: required when OIDC_CLIENT_ID is set');
    if (this.OIDC_CLIENT_SECRET === '') {
      problems.push('OIDC_CLIENT_SECRET is missing: required when OIDC_CLIENT_ID is set');
    }
    if (new URL(this.redirectUri()).origin !== this.publicOrigin()) {
      problems.push(
        'OIDC_REDIRECT_URI must be on the PUBLIC_URL origin (the session cookie is set there)',
      );
    }
    return problems;
  }
}
