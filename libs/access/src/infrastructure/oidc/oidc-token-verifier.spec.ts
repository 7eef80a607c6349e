import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CompactSign,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTPayload,
  type CryptoKey,
} from 'jose';
import { ConfigError, loadConfig } from '@intake/platform';
import { OidcConfig } from './oidc.config';
import {
  InvalidTokenError,
  OIDC_DISCOVERY_RETRY_MS,
  OIDC_JWKS_COOLDOWN_MS,
  OidcTokenVerifier,
  type InvalidTokenReason,
} from './oidc-token-verifier';

const REALM = '/realms/clinic';
const AUDIENCE = 'intake-api';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A stand-in identity provider: discovery document and key set, both changeable per test. */
const provider = {
  server: undefined as unknown as Server,
  base: '',
  issuer: '',
  keys: [] as JWK[],
  discovery: undefined as Record<string, unknown> | undefined,
  discoveryStatus: 200,
  hits: { discovery: 0, jwks: 0 },
  get jwksUri() {
    return `${this.issuer}/protocol/openid-connect/certs`;
  },
};

let keyA: SigningKey;
let keyB: SigningKey;
let keyEc: SigningKey;
let stranger: SigningKey;

beforeAll(async () => {
  [keyA, keyB, keyEc, stranger] = await Promise.all([
    signingKey('key-a', 'RS256'),
    signingKey('key-b', 'RS256'),
    signingKey('key-ec', 'ES256'),
    signingKey('key-x', 'RS256'),
  ]);
  provider.server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === `${REALM}/.well-known/openid-configuration`) {
      provider.hits.discovery += 1;
      if (provider.discoveryStatus !== 200) return send(provider.discoveryStatus, {});
      return send(
        200,
        provider.discovery ?? { issuer: provider.issuer, jwks_uri: provider.jwksUri },
      );
    }
    if (req.url === `${REALM}/protocol/openid-connect/certs`) {
      provider.hits.jwks += 1;
      return send(200, { keys: provider.keys });
    }
    send(404, {});
  });
  await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
  const { port } = provider.server.address() as AddressInfo;
  provider.base = `http://127.0.0.1:${port}`;
  provider.issuer = `${provider.base}${REALM}`;
});

afterAll(async () => {
  provider.server.closeAllConnections();
  await new Promise((resolve) => provider.server.close(resolve));
});

beforeEach(() => {
  provider.keys = [keyA.jwk, keyEc.jwk];
  provider.discovery = undefined;
  provider.discoveryStatus = 200;
  provider.hits = { discovery: 0, jwks: 0 };
});

afterEach(() => jest.restoreAllMocks());

function configFor(env: Record<string, string> = {}): OidcConfig {
  return loadConfig(OidcConfig, { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE, ...env });
}

function verifier(env: Record<string, string> = {}): OidcTokenVerifier {
  return new OidcTokenVerifier(configFor(env));
}

const now = () => Math.floor(Date.now() / 1000);

interface TokenOptions {
  key?: SigningKey;
  kid?: string;
  iss?: string;
  aud?: string | string[];
  sub?: string;
  exp?: number;
  nbf?: number;
}

function token(claims: JWTPayload = { intake_role: 'coordinator' }, options: TokenOptions = {}) {
  const key = options.key ?? keyA;
  const body: JWTPayload = {
    iss: provider.issuer,
    aud: AUDIENCE,
    sub: 'staff-7',
    iat: now(),
    exp: now() + 300,
    ...claims,
  };
  for (const name of ['iss', 'aud', 'sub', 'exp', 'nbf'] as const) {
    if (name in options) body[name] = options[name] as never;
  }
  return new SignJWT(body)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function rejectionError(promise: Promise<unknown>): Promise<InvalidTokenError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  }
  throw new Error('expected the token to be rejected');
}

async function rejection(promise: Promise<unknown>): Promise<InvalidTokenReason> {
  return (await rejectionError(promise)).reason;
}

describe('OidcTokenVerifier', () => {
  it('verifies a token with keys found through discovery', async () => {
    const expiresAt = now() + 600;
    const verified = await verifier().verify(
      await token(
        { intake_role: 'coordinator', name: 'Dana Reyes', email: 'dana@clinic.example' },
        { exp: expiresAt },
      ),
    );

    expect(verified).toEqual({
      issuer: provider.issuer,
      subject: 'staff-7',
      role: 'coordinator',
      name: 'Dana Reyes',
      email: 'dana@clinic.example',
      expiresAt: new Date(expiresAt * 1000),
    });
    expect(provider.hits).toEqual({ discovery: 1, jwks: 1 });
  });

  it('uses OIDC_JWKS_URI without discovery, and accepts ES256', async () => {
    const check = verifier({ OIDC_JWKS_URI: provider.jwksUri });

    const verified = await check.verify(await token({ intake_role: 'viewer' }, { key: keyEc }));

    expect(verified.role).toBe('viewer');
    expect(verified.name).toBeNull();
    expect(verified.email).toBeNull();
    expect(provider.hits).toEqual({ discovery: 0, jwks: 1 });
  });

  it('caches discovery and the key set across verifications', async () => {
    const check = verifier();
    const tokens = await Promise.all([token(), token({ intake_role: 'admin' }), token()]);

    const roles = await Promise.all(tokens.map(async (t) => (await check.verify(t)).role));
    await check.verify(await token());

    expect(roles).toEqual(['coordinator', 'admin', 'coordinator']);
    expect(provider.hits).toEqual({ discovery: 1, jwks: 1 });
  });

  it('falls back to preferred_username for the name', async () => {
    const verified = await verifier().verify(
      await token({ intake_role: 'admin', preferred_username: 'dreyes' }),
    );

    expect(verified.name).toBe('dreyes');
  });

  describe('refuses', () => {
    it('an expired token', async () => {
      expect(await rejection(verifier().verify(await token({}, { exp: now() - 120 })))).toBe(
        'expired',
      );
    });

    it('a token not yet valid', async () => {
      expect(await rejection(verifier().verify(await token({}, { nbf: now() + 120 })))).toBe(
        'not_yet_valid',
      );
    });

    it('a token without exp', async () => {
      expect(await rejection(verifier().verify(await token({}, { exp: undefined })))).toBe(
        'missing_exp',
      );
    });

    it('a token from another issuer', async () => {
      const foreign = await token({}, { iss: `${provider.base}/realms/other` });
      expect(await rejection(verifier().verify(foreign))).toBe('wrong_issuer');
    });

    it('a token for another audience', async () => {
      const foreign = await token({}, { aud: ['billing-api', 'account'] });
      expect(await rejection(verifier().verify(foreign))).toBe('wrong_audience');
    });

    it('a token signed by a key the provider does not publish', async () => {
      expect(await rejection(verifier().verify(await token({}, { key: stranger })))).toBe(
        'unknown_key',
      );
    });

    it("a token signed by another key under a published key's kid", async () => {
      const forged = await token({}, { key: stranger, kid: keyA.kid });
      expect(await rejection(verifier().verify(forged))).toBe('bad_signature');
    });

    it('a token whose payload was altered after signing', async () => {
      const [header, , signature] = (await token({ intake_role: 'viewer' })).split('.');
      const payload = encode({
        iss: provider.issuer,
        aud: AUDIENCE,
        sub: 'staff-7',
        exp: now() + 300,
        intake_role: 'admin',
      });
      expect(await rejection(verifier().verify(`${header}.${payload}.${signature}`))).toBe(
        'bad_signature',
      );
    });

    it('an unsigned token (alg none)', async () => {
      const header = encode({ alg: 'none', typ: 'JWT' });
      const payload = encode({
        iss: provider.issuer,
        aud: AUDIENCE,
        sub: 'staff-7',
        exp: now() + 300,
        intake_role: 'admin',
      });
      expect(await rejection(verifier().verify(`${header}.${payload}.`))).toBe('alg_not_allowed');
    });

    it('an HS256 token, even one keyed with published key material', async () => {
      // The classic confusion attack: the RSA public key used as an HMAC secret.
      const secret = new TextEncoder().encode(JSON.stringify(keyA.jwk));
      const hmac = await new SignJWT({ intake_role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid: keyA.kid })
        .setIssuer(provider.issuer)
        .setAudience(AUDIENCE)
        .setSubject('staff-7')
        .setExpirationTime('5m')
        .sign(secret);
      expect(await rejection(verifier().verify(hmac))).toBe('alg_not_allowed');
    });

    it('an algorithm the configuration leaves out', async () => {
      const check = verifier({ OIDC_ALGORITHMS: 'RS256' });
      expect(await rejection(check.verify(await token({}, { key: keyEc })))).toBe(
        'alg_not_allowed',
      );
    });

    it('a token without sub', async () => {
      expect(await rejection(verifier().verify(await token({}, { sub: undefined })))).toBe(
        'missing_sub',
      );
    });

    it('a token with an empty sub', async () => {
      expect(await rejection(verifier().verify(await token({}, { sub: '' })))).toBe('missing_sub');
    });

    it('a token without the role claim', async () => {
      expect(await rejection(verifier().verify(await token({})))).toBe('no_role');
    });

    it('a role value that maps to no role', async () => {
      const check = verifier();
      for (const value of ['superuser', 'Admin', 42, ['nurse'], { role: 'admin' }]) {
        expect(await rejection(check.verify(await token({ intake_role: value })))).toBe('no_role');
      }
    });

    it('a role name the role map does not list', async () => {
      const check = verifier({ OIDC_ROLE_MAP: 'intake-admin=admin' });
      expect(await rejection(check.verify(await token({ intake_role: 'admin' })))).toBe('no_role');
    });

    it('something that is not a JWT', async () => {
      const check = verifier();
      const notClaims = await new CompactSign(new TextEncoder().encode('not json'))
        .setProtectedHeader({ alg: 'RS256', kid: keyA.kid })
        .sign(keyA.privateKey);
      for (const junk of ['', 'abc', 'a.b.c', `${encode({ alg: 'RS256' })}.e30`, notClaims]) {
        expect(await rejection(check.verify(junk))).toBe('malformed');
      }
      expect(await rejection(check.verify('x'.repeat(20_000)))).toBe('malformed');
    });

    it('every token while OIDC is off', async () => {
      const off = new OidcTokenVerifier(loadConfig(OidcConfig, {}));
      expect(await rejection(off.verify(await token()))).toBe('oidc_disabled');
      expect(provider.hits).toEqual({ discovery: 0, jwks: 0 });
    });
  });

  it('never puts the token or its claims in the error', async () => {
    const personal = { name: 'Patient Zero', email: 'pz@example.com' };
    const tokens = [
      await token({ intake_role: 'nobody', ...personal }),
      await token({ intake_role: 'admin', ...personal }, { aud: 'billing-api' }),
      await token({ intake_role: 'admin', ...personal }, { exp: now() - 600 }),
    ];
    for (const t of tokens) {
      const error = await rejectionError(verifier().verify(t));
      const dump = JSON.stringify({ ...error, message: error.message, stack: error.stack });
      expect(dump).not.toContain(personal.name);
      expect(dump).not.toContain(personal.email);
      expect(dump).not.toContain(t.split('.')[1]);
      expect(error.cause).toBeUndefined();
    }
  });

  describe('role claim', () => {
    it('follows a dot path into a nested array through the role map', async () => {
      const check = verifier({
        OIDC_ROLE_CLAIM: 'realm_access.roles',
        OIDC_ROLE_MAP: 'intake-viewer=viewer, intake-coordinator=coordinator',
      });
      const t = await token({
        realm_access: { roles: ['offline_access', 'intake-viewer', 'intake-coordinator'] },
      });

      expect((await check.verify(t)).role).toBe('coordinator');
    });

    it('refuses a dot path that leads nowhere', async () => {
      const check = verifier({ OIDC_ROLE_CLAIM: 'realm_access.roles' });
      for (const claims of [{ realm_access: 'admin' }, { realm_access: ['admin'] }, {}]) {
        expect(await rejection(check.verify(await token(claims)))).toBe('no_role');
      }
    });

    it('reads a claim whose own name contains dots', async () => {
      const check = verifier({ OIDC_ROLE_CLAIM: 'https://clinic.example/role' });
      const t = await token({ 'https://clinic.example/role': 'admin' });

      expect((await check.verify(t)).role).toBe('admin');
    });

    it.each([
      [['viewer', 'admin'], 'admin'],
      [['service', 'coordinator', 'viewer'], 'coordinator'],
      [['service', 'viewer'], 'viewer'],
      [['service', 'unknown'], 'service'],
    ])('picks the highest role from %j', async (values, expected) => {
      expect((await verifier().verify(await token({ intake_role: values }))).role).toBe(expected);
    });
  });

  describe('key rotation', () => {
    it('verifies a token from a newly published key once the cooldown has passed', async () => {
      const check = verifier();
      await check.verify(await token());
      provider.keys = [keyB.jwk];
      const rotated = await token({ intake_role: 'admin' }, { key: keyB });

      // Within the cooldown an unknown kid does not refetch, so forged kids cannot flood the IdP.
      expect(await rejection(check.verify(rotated))).toBe('unknown_key');
      expect(provider.hits.jwks).toBe(1);

      const later = Date.now() + OIDC_JWKS_COOLDOWN_MS + 1_000;
      jest.spyOn(Date, 'now').mockReturnValue(later);
      expect((await check.verify(rotated)).role).toBe('admin');
      expect(provider.hits.jwks).toBe(2);
      // The retired key is gone from the refetched set.
      expect(await rejection(check.verify(await token()))).toBe('unknown_key');
    });
  });

  describe('when the provider misbehaves', () => {
    it('refuses as jwks_unavailable when discovery fails, and retries after a pause', async () => {
      const check = verifier();
      provider.discoveryStatus = 503;
      const t = await token();

      expect(await rejection(check.verify(t))).toBe('jwks_unavailable');
      expect(await rejection(check.verify(t))).toBe('jwks_unavailable');
      expect(provider.hits.discovery).toBe(1);

      provider.discoveryStatus = 200;
      jest.spyOn(Date, 'now').mockReturnValue(Date.now() + OIDC_DISCOVERY_RETRY_MS + 1);
      expect((await check.verify(t)).role).toBe('coordinator');
      expect(provider.hits.discovery).toBe(2);
    });

    it('refuses a discovery document for another issuer', async () => {
      provider.discovery = { issuer: 'https://evil.example', jwks_uri: provider.jwksUri };
      expect(await rejection(verifier().verify(await token()))).toBe('jwks_unavailable');
      expect(provider.hits.jwks).toBe(0);
    });

    it('refuses a discovery document without jwks_uri', async () => {
      provider.discovery = { issuer: provider.issuer };
      expect(await rejection(verifier().verify(await token()))).toBe('jwks_unavailable');
    });

    it('refuses as jwks_unavailable when the key set cannot be fetched', async () => {
      const check = verifier({ OIDC_JWKS_URI: `${provider.base}/no-such-keys` });
      expect(await rejection(check.verify(await token()))).toBe('jwks_unavailable');
    });
  });

  it('will not start with a configuration that has problems', () => {
    const config = loadConfig(OidcConfig, { OIDC_ISSUER: provider.issuer });
    expect(() => new OidcTokenVerifier(config)).toThrow(ConfigError);
  });
});

describe('OidcConfig', () => {
  it('is off by default, with the documented defaults', () => {
    const config = loadConfig(OidcConfig, {});

    expect(config.enabled).toBe(false);
    expect(config.problems()).toEqual([]);
    expect(config.OIDC_ROLE_CLAIM).toBe('intake_role');
    expect(config.algorithms()).toEqual(['RS256', 'ES256']);
    expect(config.OIDC_CLOCK_TOLERANCE_SECONDS).toBe(30);
    expect([...config.roleMap()]).toEqual([
      ['admin', 'admin'],
      ['coordinator', 'coordinator'],
      ['viewer', 'viewer'],
      ['service', 'service'],
    ]);
  });

  it('treats an empty OIDC_ISSUER as off', () => {
    expect(loadConfig(OidcConfig, { OIDC_ISSUER: '' }).enabled).toBe(false);
  });

  it('needs OIDC_AUDIENCE when OIDC_ISSUER is set', () => {
    const config = loadConfig(OidcConfig, { OIDC_ISSUER: 'https://id.clinic.example' });

    expect(config.enabled).toBe(true);
    expect(config.problems()).toEqual([
      'OIDC_AUDIENCE is missing: required when OIDC_ISSUER is set',
    ]);
  });

  it('has no problems with issuer and audience', () => {
    const config = loadConfig(OidcConfig, {
      OIDC_ISSUER: 'https://id.clinic.example',
      OIDC_AUDIENCE: 'intake-api',
    });
    expect(config.problems()).toEqual([]);
  });

  it('objects to audience or JWKS URI without an issuer', () => {
    const config = loadConfig(OidcConfig, {
      OIDC_AUDIENCE: 'intake-api',
      OIDC_JWKS_URI: 'https://id.clinic.example/keys',
    });
    expect(config.problems()).toEqual([
      'OIDC_AUDIENCE is set but OIDC_ISSUER is not',
      'OIDC_JWKS_URI is set but OIDC_ISSUER is not',
    ]);
  });

  it('parses the role map and the numbers', () => {
    const config = loadConfig(OidcConfig, {
      OIDC_ROLE_MAP: ' Clinic Admin = admin,front-desk=coordinator ,front-desk=coordinator',
      OIDC_ALGORITHMS: 'PS256, EdDSA',
      OIDC_CLOCK_TOLERANCE_SECONDS: '5',
    });

    expect([...config.roleMap()]).toEqual([
      ['Clinic Admin', 'admin'],
      ['front-desk', 'coordinator'],
    ]);
    expect(config.problems()).toEqual([]);
    expect(config.algorithms()).toEqual(['PS256', 'EdDSA']);
    expect(config.OIDC_CLOCK_TOLERANCE_SECONDS).toBe(5);
  });

  it('objects to a claim value mapped to two roles', () => {
    const config = loadConfig(OidcConfig, { OIDC_ROLE_MAP: 'staff=viewer,staff=admin' });
    expect(config.problems()).toEqual([
      'OIDC_ROLE_MAP is invalid: a claim value is mapped to two roles',
    ]);
  });

  it.each([
    ['OIDC_ISSUER', 'id.clinic.example'],
    ['OIDC_ISSUER', 'https://id.clinic.example?tenant=1'],
    ['OIDC_JWKS_URI', 'ftp://id.clinic.example/keys'],
    ['OIDC_ROLE_CLAIM', 'realm access'],
    ['OIDC_ROLE_MAP', 'staff=superuser'],
    ['OIDC_ROLE_MAP', 'admin'],
    ['OIDC_ROLE_MAP', '=admin'],
    ['OIDC_ALGORITHMS', 'HS256'],
    ['OIDC_ALGORITHMS', 'RS256,none'],
    ['OIDC_CLOCK_TOLERANCE_SECONDS', '-1'],
    ['OIDC_CLOCK_TOLERANCE_SECONDS', 'lots'],
    ['OIDC_CLOCK_TOLERANCE_SECONDS', '3600'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => loadConfig(OidcConfig, { [name]: value })).toThrow(
      new RegExp(`${name} is invalid`),
    );
  });

  it('reports a malformed role map set without the loader', () => {
    const config = new OidcConfig();
    config.OIDC_ROLE_MAP = 'staff=superuser';
    expect(config.problems()).toEqual([
      'OIDC_ROLE_MAP is invalid: each entry must be claimValue=role',
    ]);
    expect(config.roleMap().size).toBe(0);
  });
});
