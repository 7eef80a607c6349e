import { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApi } from './support/harness';

/** The api serves the built console under /console: public, cached right, deep links work. */
describe('the console files', () => {
  let app: INestApplication;
  let dir: string;
  const INDEX =
    '<!doctype html><title>Intake console</title><script src="/console/assets/index-abc123.js"></script>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intake-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log("console")');
    writeFileSync(join(dir, 'assets/vendor-def456.js'), 'export const x = 1;\n'.repeat(2000));
    app = await startApi({ CONSOLE_DIR: dir });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page without a credential, never cached, with a strict CSP', async () => {
    const res = await request(app.getHttpServer()).get('/console/').expect(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a deep link with the page, so the app can route it', async () => {
    const res = await request(app.getHttpServer())
      .get('/console/leads/0190e0f1-0000-7000-8000-000000000001?x=1')
      .expect(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('redirects /console to /console/', async () => {
    const res = await request(app.getHttpServer()).get('/console').expect(301);
    expect(res.headers.location).toBe('/console/');
  });

  it('caches hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const server = app.getHttpServer();
    const asset = await request(server).get('/console/assets/index-abc123.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(server).get('/console/assets/index-old999.js').expect(404);
    expect(missing.text).not.toContain('Intake console');
  });

  it('sends scripts compressed to a browser that accepts it', async () => {
    const script = 'export const x = 1;\n'.repeat(2000);
    const res = await request(app.getHttpServer())
      .get('/console/assets/vendor-def456.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toBe(script);
    const plain = await request(app.getHttpServer())
      .get('/console/assets/vendor-def456.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('does not serve anything outside the console directory', async () => {
    const res = await request(app.getHttpServer()).get('/console/assets/..%2f..%2fetc%2fpasswd');
    expect([400, 403, 404]).toContain(res.status);
    expect(res.text).not.toContain('root:');
  });

  it('leaves the API closed: /v1 still needs a credential', async () => {
    await request(app.getHttpServer()).get('/v1/leads').expect(401);
  });

  it('says how to build it when it is not built', async () => {
    const bare = await startApi({ CONSOLE_DIR: join(dir, 'nothing-here') });
    try {
      const res = await request(bare.getHttpServer()).get('/console/').expect(503);
      expect(res.text).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
