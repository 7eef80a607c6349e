import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigError } from '@intake/platform';
import { ROLES, type Role } from '../../domain/role';
import { OidcConfig } from './oidc.config';

/** What a verified staff token says about its holder. */
export interface VerifiedToken {
  issuer: string;
  subject: string;
  role: Role;
  name: string | null;
  email: string | null;
  expiresAt: Date;
}

/**
 * Why a token was refused. `jwks_unavailable` is the provider's fault (discovery or key set
 * could not be fetched), not the caller's; `oidc_disabled` means OIDC_ISSUER is empty.
 */
export type InvalidTokenReason =
  | 'oidc_disabled'
  | 'malformed'
  | 'alg_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_exp'
  | 'missing_sub'
  | 'invalid_claims'
  | 'no_role'
  | 'jwks_unavailable';

/** Any refusal. The message names the reason only: never the token or anything in it. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: InvalidTokenReason) {
    super(`Bearer token rejected: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/** How long a key-set or discovery request may take; a verification waits for it. */
export const OIDC_FETCH_TIMEOUT_MS = 5_000;
/** An unknown `kid` refetches the key set at most this often, so forged kids cannot flood the provider. */
export const OIDC_JWKS_COOLDOWN_MS = 30_000;
/** The key set is refetched when older than this even if every `kid` is known. */
export const OIDC_JWKS_MAX_AGE_MS = 10 * 60_000;
/** After discovery fails, verifications fail fast for this long before it is tried again. */
export const OIDC_DISCOVERY_RETRY_MS = 10_000;

/** Far above any real token; refused before parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/** Raised inside the key lookup when the provider cannot be reached; never leaves this file. */
class KeySourceUnavailable extends Error {}

/**
 * Verifies staff bearer tokens against the OIDC provider's published keys and maps the role
 * claim onto a `Role`. Discovery and the key set are fetched on first use and cached.
 */
export class OidcTokenVerifier {
  private readonly roleMap: ReadonlyMap<string, Role>;
  private readonly algorithms: string[];
  private keySet?: JWTVerifyGetKey;
  private pendingKeySet?: Promise<JWTVerifyGetKey>;
  private discoveryFailedAt?: number;

  constructor(private readonly config: OidcConfig) {
    const problems = config.problems();
    if (problems.length > 0) throw new ConfigError(problems);
    this.roleMap = config.roleMap();
    this.algorithms = config.algorithms();
  }

  async verify(token: string): Promise<VerifiedToken> {
    if (!this.config.enabled) throw new InvalidTokenError('oidc_disabled');
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenError('malformed');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
        algorithms: this.algorithms,
        clockTolerance: this.config.OIDC_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      // jose's claim errors carry the whole payload as `cause`: only the reason leaves here.
      throw new InvalidTokenError(reasonFor(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new InvalidTokenError('missing_sub');
    }
    return {
      issuer: this.config.OIDC_ISSUER,
      subject: payload.sub,
      role: this.roleOf(payload),
      name: text(payload.name) ?? text(payload.preferred_username),
      email: text(payload.email),
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  }

  private readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const keySet = await this.resolveKeySet();
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySourceUnavailable();
    }
  };

  /** jose's remote set caches the keys and refetches them on an unknown `kid`. */
  private async resolveKeySet(): Promise<JWTVerifyGetKey> {
    if (this.keySet) return this.keySet;
    if (
      this.discoveryFailedAt !== undefined &&
      Date.now() - this.discoveryFailedAt < OIDC_DISCOVERY_RETRY_MS
    ) {
      throw new KeySourceUnavailable();
    }
    this.pendingKeySet ??= this.jwksUri()
      .then((uri) => {
        this.keySet = createRemoteJWKSet(uri, {
          timeoutDuration: OIDC_FETCH_TIMEOUT_MS,
          cooldownDuration: OIDC_JWKS_COOLDOWN_MS,
          cacheMaxAge: OIDC_JWKS_MAX_AGE_MS,
        });
        this.discoveryFailedAt = undefined;
        return this.keySet;
      })
      .catch(() => {
        this.discoveryFailedAt = Date.now();
        throw new KeySourceUnavailable();
      })
      .finally(() => {
        this.pendingKeySet = undefined;
      });
    return this.pendingKeySet;
  }

  private async jwksUri(): Promise<URL> {
    if (this.config.OIDC_JWKS_URI !== '') return new URL(this.config.OIDC_JWKS_URI);
    const issuer = this.config.OIDC_ISSUER;
    const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(OIDC_FETCH_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const document = (await response.json()) as Record<string, unknown>;
    // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
    if (document.issuer !== issuer) throw new Error('discovery names another issuer');
    const uri = document.jwks_uri;
    if (typeof uri !== 'string' || !/^https?:\/\//.test(uri)) {
      throw new Error('discovery has no usable jwks_uri');
    }
    return new URL(uri);
  }

  /**
   * The claim may hold one value or an array. From an array the role earliest in ROLES wins:
   * admin, coordinator, viewer, then service. Staff roles rank by privilege; the machine role
   * `service` is granted to a staff token only when nothing else maps.
   */
  private roleOf(payload: JWTPayload): Role {
    const claim = claimAt(payload, this.config.OIDC_ROLE_CLAIM);
    const values = Array.isArray(claim) ? claim : [claim];
    const mapped = new Set<Role>();
    for (const value of values) {
      const role = typeof value === 'string' ? this.roleMap.get(value) : undefined;
      if (role) mapped.add(role);
    }
    const role = ROLES.find((candidate) => mapped.has(candidate));
    if (!role) throw new InvalidTokenError('no_role');
    return role;
  }
}

/** A claim by its own name, else by dot path through nested objects. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let node: unknown = payload;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function reasonFor(error: unknown): InvalidTokenReason {
  if (error instanceof KeySourceUnavailable) return 'jwks_unavailable';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'wrong_issuer';
      case 'aud':
        return 'wrong_audience';
      case 'nbf':
        return 'not_yet_valid';
      case 'exp':
        return error.reason === 'missing' ? 'missing_exp' : 'invalid_claims';
      case 'sub':
        return 'missing_sub';
      default:
        return 'invalid_claims';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg_not_allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  return 'malformed';
}
