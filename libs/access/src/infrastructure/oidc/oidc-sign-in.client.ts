import { Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { IdentityProviderUnavailableError, SignInFailedError } from '../../domain/access-errors';
import type { OidcConfig } from './oidc.config';
import type { SignInConfig } from './sign-in.config';

/** What a sign-in must remember until the provider sends the browser back. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person the provider vouched for, from a verified ID token (and userinfo, if needed). */
export interface SignedInPerson {
  issuer: string;
  subject: string;
  /** Present only when the provider says it is verified. */
  verifiedEmail: string | null;
}

/** Seconds a request to the provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 5;
/** After discovery fails, it is tried again on the next sign-in after this long. */
const DISCOVERY_RETRY_MS = 10_000;

/**
 * The console's OpenID Connect client, on openid-client: discovery, the authorization request
 * (code + PKCE S256, state, nonce), the code exchange with the ID token's validation (signature,
 * issuer, audience, expiry, nonce) and the provider's end-session URL.
 */
export class OidcSignInClient {
  private readonly logger = new Logger(OidcSignInClient.name);
  private configuration?: Promise<client.Configuration>;
  private discoveryFailedAt?: number;

  constructor(
    private readonly oidc: OidcConfig,
    private readonly signIn: SignInConfig,
  ) {}

  async authorizationRequest(options: { prompt?: 'login' } = {}): Promise<AuthorizationRequest> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.signIn.redirectUri(),
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(options.prompt ? { prompt: options.prompt } : {}),
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code in `callbackUrl`; refuses anything openid-client does not validate. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignedInPerson> {
    const config = await this.config();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.refusal(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInFailedError();
    let email = claims.email;
    // Entra ID asserts no email_verified for work accounts; its optional claim xms_edov says the
    // tenant owns the email's domain, which is what a single-tenant registration needs.
    let emailVerified = claims.email_verified === true || claims.xms_edov === true;
    // Providers may keep the email out of the ID token and give it at userinfo only.
    if (email === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = info.email;
        emailVerified = info.email_verified === true || info.xms_edov === true;
      } catch (error) {
        throw this.refusal(error);
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      verifiedEmail:
        typeof email === 'string' && email !== '' && emailVerified ? email.toLowerCase() : null,
    };
  }

  /** Where to sign out at the provider too; null when it has no end-session endpoint. */
  async endSessionUrl(): Promise<string | null> {
    let config;
    try {
      config = await this.config();
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      client_id: this.signIn.OIDC_CLIENT_ID,
      post_logout_redirect_uri: this.signIn.postLogoutRedirectUri(),
    }).href;
  }

  /** Discovery once, then cached; a failure is retried after a pause, not on every request. */
  private config(): Promise<client.Configuration> {
    if (
      !this.configuration &&
      this.discoveryFailedAt !== undefined &&
      Date.now() - this.discoveryFailedAt < DISCOVERY_RETRY_MS
    ) {
      return Promise.reject(new IdentityProviderUnavailableError());
    }
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      this.discoveryFailedAt = Date.now();
      this.logger.warn(
        { reason: error instanceof Error ? error.name : 'unknown' },
        'identity provider discovery failed',
      );
      throw new IdentityProviderUnavailableError();
    });
    return this.configuration;
  }

  private async discover(): Promise<client.Configuration> {
    const issuer = new URL(this.oidc.OIDC_ISSUER);
    const config = await client.discovery(
      issuer,
      this.signIn.OIDC_CLIENT_ID,
      this.signIn.OIDC_CLIENT_SECRET,
      client.ClientSecretBasic(this.signIn.OIDC_CLIENT_SECRET),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // Plain http only for a provider on this machine (the local one); else https is required.
        execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [],
      },
    );
    // The ID token's signature is checked against the provider's keys too, not only TLS.
    client.enableNonRepudiationChecks(config);
    return config;
  }

  /** The provider being down is its fault (503); anything else is a failed sign-in (400). */
  private refusal(error: unknown): Error {
    const name = error instanceof Error ? error.name : 'unknown';
    const code = (error as { code?: unknown })?.code;
    this.logger.log(
      { reason: name, code: typeof code === 'string' ? code : undefined },
      'sign-in refused',
    );
    if (error instanceof TypeError || name === 'TimeoutError' || name === 'AbortError') {
      return new IdentityProviderUnavailableError();
    }
    return new SignInFailedError();
  }
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
