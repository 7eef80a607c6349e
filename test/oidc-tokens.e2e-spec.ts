import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { apiSuite } from './support/api-suite';
import { count, resetDatabase, staffWithKey, startApi } from './support/harness';

describe('OIDC bearer tokens', () => {
  let issuerServer: Server;
  let issuer: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuerServer = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      } else if (req.url === '/jwks') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => issuerServer?.close(resolve));
  });

  // The api, signing in bearers of the issuer's tokens.
  const suite = apiSuite(() => ({
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'intake-api',
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'clinic-admins=admin,clinic-intake=coordinator',
  }));
  const { http: oidc } = suite;

  const token = (claims: Record<string, unknown>, audience = 'intake-api') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('user-123')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a valid token, makes its subject a staff member, and takes the role from the claim', async () => {
    await resetDatabase(suite.pool);
    const coordinatorToken = await token({ groups: ['clinic-intake'], name: 'Jo Token' });
    const me = await oidc().get('/v1/me').set('Authorization', `Bearer ${coordinatorToken}`);
    expect(me.body.error).toBeUndefined();
    expect(me.body).toMatchObject({
      staff: { name: 'Jo Token', role: 'coordinator' },
      credential: 'oidc',
    });
    await oidc().get('/v1/staff').set('Authorization', `Bearer ${coordinatorToken}`).expect(403);

    // Same subject, promoted at the identity provider: same staff record, new role.
    const adminToken = await token({ groups: ['clinic-admins', 'clinic-intake'] });
    const again = await oidc()
      .get('/v1/me')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(again.body.staff).toMatchObject({ id: me.body.staff.id, role: 'admin' });
    expect(await count(suite.pool, 'staff')).toBe(1);

    for (const bad of [
      await token({ groups: ['clinic-intake'] }, 'another-api'),
      await token({ groups: ['visitors'] }),
      `${coordinatorToken.slice(0, -4)}AAAA`,
    ]) {
      const refused = await oidc().get('/v1/me').set('Authorization', `Bearer ${bad}`).expect(401);
      expect(refused.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    }
    // Several first requests of a new subject at once: one staff record, no error.
    const newcomer = await new SignJWT({ groups: ['clinic-intake'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('intake-api')
      .setSubject('user-456')
      .setExpirationTime('5m')
      .sign(privateKey);
    const firsts = await Promise.all(
      Array.from({ length: 12 }, () =>
        oidc().get('/v1/me').set('Authorization', `Bearer ${newcomer}`),
      ),
    );
    expect(firsts.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(firsts.map((r) => r.body.staff.id)).size).toBe(1);
    expect(await count(suite.pool, 'staff')).toBe(2);

    // The provider down is not the caller's fault: 503, and API keys still work.
    const issuerDown = await startApi({
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'intake-api',
      OIDC_JWKS_URI: 'http://127.0.0.1:9/jwks',
    });
    try {
      const down = await request(issuerDown.getHttpServer())
        .get('/v1/me')
        .set('Authorization', `Bearer ${coordinatorToken}`)
        .expect(503);
      expect(down.body.error.code).toBe('AUTH.PROVIDER_UNAVAILABLE');
    } finally {
      await issuerDown.close();
    }

    // API keys keep working next to OIDC.
    const keyHolder = await staffWithKey(suite.api, 'viewer');
    await oidc().get('/v1/leads').set('Authorization', keyHolder.auth).expect(200);
  });

  it('audits a change made with a token as the staff member, not a key', async () => {
    const adminToken = await token({ groups: ['clinic-admins'] });
    const me = await oidc().get('/v1/me').set('Authorization', `Bearer ${adminToken}`);
    const created = await oidc()
      .post('/v1/staff')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: 'Made By Token', role: 'viewer' })
      .expect(201);
    const audit = await suite.pool.query(
      `SELECT actor_type, actor_id, action, request_id FROM admin_audit WHERE target_id = $1`,
      [created.body.id],
    );
    expect(audit.rows).toEqual([
      {
        actor_type: 'staff',
        actor_id: me.body.staff.id,
        action: 'staff.created',
        request_id: created.headers['x-request-id'],
      },
    ]);
  });
});
