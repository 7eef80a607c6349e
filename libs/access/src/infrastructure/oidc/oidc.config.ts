import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { asInt } from '@intake/platform';
import { isRole, ROLES, type Role } from '../../domain/role';

/** Signature algorithms a staff token may use: asymmetric only, never `none` or an HMAC. */
export const OIDC_SUPPORTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const ALG = `(?:${OIDC_SUPPORTED_ALGORITHMS.join('|')})`;
const ROLE = `(?:${ROLES.join('|')})`;
const ROLE_MAP_ENTRY = `\\s*[^=,\\s][^=,]*=\\s*${ROLE}\\s*`;

/**
 * Optional bearer-token sign-in for staff through the clinic's OIDC provider. An empty
 * OIDC_ISSUER turns it off. Cross-variable rules are in `problems()`, which the app's config
 * loader calls after `loadConfigParts`.
 */
export class OidcConfig {
  /** The provider's issuer identifier, compared exactly with a token's `iss`. Empty: OIDC is off. */
  @Matches(/^(https?:\/\/[^\s?#]+)?$/, { message: 'must be an http(s) URL without query' })
  OIDC_ISSUER = '';

  /** The `aud` a token must carry: this API's client id or resource name at the provider. */
  @IsString()
  OIDC_AUDIENCE = '';

  /** Where the signing keys are. Empty: read `jwks_uri` from the issuer's discovery document. */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'must be an http(s) URL' })
  OIDC_JWKS_URI = '';

  /**
   * The claim that carries the role: a name, or a dot path into nested objects
   * (`realm_access.roles`). A claim whose own name contains dots (`https://clinic.example/role`)
   * is matched as a whole first.
   */
  @Matches(/^\S+$/, { message: 'must be a claim name or dot path' })
  OIDC_ROLE_CLAIM = 'intake_role';

  /**
   * `claimValue=role,claimValue=role`. Empty: the claim values are the role names themselves.
   * When set, only the values listed count.
   */
  @Matches(new RegExp(`^(${ROLE_MAP_ENTRY}(,${ROLE_MAP_ENTRY})*)?$`), {
    message: `must be claimValue=role[,claimValue=role...] with role one of ${ROLES.join(', ')}`,
  })
  OIDC_ROLE_MAP = '';

  @Matches(new RegExp(`^\\s*${ALG}\\s*(,\\s*${ALG}\\s*)*$`), {
    message: `must be a comma-separated list of ${OIDC_SUPPORTED_ALGORITHMS.join(', ')}`,
  })
  OIDC_ALGORITHMS = 'RS256,ES256';

  @asInt()
  @IsInt()
  @Min(0)
  @Max(300)
  OIDC_CLOCK_TOLERANCE_SECONDS = 30;

  get enabled(): boolean {
    return this.OIDC_ISSUER !== '';
  }

  /** Bearer JWTs are accepted: an issuer and the audience they must carry. */
  get bearerEnabled(): boolean {
    return this.enabled && this.OIDC_AUDIENCE.trim() !== '';
  }

  algorithms(): string[] {
    return this.OIDC_ALGORITHMS.split(',').map((alg) => alg.trim());
  }

  /** Claim value → role. Case-sensitive; where a value is listed twice, `problems()` objects. */
  roleMap(): ReadonlyMap<string, Role> {
    if (this.OIDC_ROLE_MAP.trim() === '') return new Map(ROLES.map((role) => [role, role]));
    const map = new Map<string, Role>();
    for (const [value, role] of this.roleMapEntries()) if (isRole(role)) map.set(value, role);
    return map;
  }

  /**
   * Rules across variables; empty when the configuration is usable. Messages name no values.
   * `signIn`: the issuer also serves the console's sign-in (the api's OIDC_CLIENT_ID), so it may
   * be set without an audience, and then only for that.
   */
  problems(options: { signIn?: boolean } = {}): string[] {
    const problems: string[] = [];
    if (this.enabled) {
      if (this.OIDC_AUDIENCE.trim() === '' && !options.signIn) {
        problems.push('OIDC_AUDIENCE is missing: required when OIDC_ISSUER is set');
      }
    } else {
      // Without an issuer these would be ignored silently: OIDC would look configured but be off.
      for (const name of ['OIDC_AUDIENCE', 'OIDC_JWKS_URI'] as const) {
        if (this[name] !== '') problems.push(`${name} is set but OIDC_ISSUER is not`);
      }
    }
    const entries = this.roleMapEntries();
    if (entries.some(([value, role]) => value === '' || !isRole(role))) {
      problems.push(`OIDC_ROLE_MAP is invalid: each entry must be claimValue=role`);
    }
    const seen = new Map<string, string>();
    for (const [value, role] of entries) {
      if (seen.has(value) && seen.get(value) !== role) {
        problems.push('OIDC_ROLE_MAP is invalid: a claim value is mapped to two roles');
        break;
      }
      seen.set(value, role);
    }
    return problems;
  }

  private roleMapEntries(): [string, string][] {
    if (this.OIDC_ROLE_MAP.trim() === '') return [];
    return this.OIDC_ROLE_MAP.split(',').map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? ['', ''] : [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
    });
  }
}
