import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { analyticsSuite, WINDOW } from './support/analytics-suite';
import { staffWithKey } from './support/harness';
import { uniqueTopic } from './support/test-config';

describe('analytics: the figures over HTTP', () => {
  const suite = analyticsSuite();
  const { get, startAnalytics } = suite;

  it('serves the figures only to staff allowed analytics:read, and validates the query', async () => {
    const app = await startAnalytics(uniqueTopic(), `intake-test-${randomUUID()}`, {
      autoStart: false,
    });
    const path = `/v1/analytics/funnel?${WINDOW}`;
    const noKey = await request(app.getHttpServer()).get(path).expect(401);
    expect(noKey.headers['www-authenticate']).toBe('Bearer');
    expect(noKey.body.error.code).toBeDefined();
    await request(app.getHttpServer())
      .get(path)
      .set({ Authorization: 'Bearer ik_nope_nope' })
      .expect(401);
    const coordinator = await staffWithKey(suite.api, 'coordinator');
    for (const route of ['funnel', 'speed-to-lead', 'stats']) {
      await get(app, `/v1/analytics/${route}`, coordinator).expect(403);
    }
    for (const role of ['admin', 'viewer', 'service'] as const) {
      const who = await staffWithKey(suite.api, role);
      await get(app, path, who).expect(200);
      await get(app, `/v1/analytics/speed-to-lead?${WINDOW}`, who).expect(200);
    }
    // Health stays open, as on the API.
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });

    const invalid = async (query: string) =>
      (await get(app, `/v1/analytics/funnel?${query}`).expect(400)).body.error;
    const reversed = await invalid('from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z');
    expect(reversed).toEqual({
      code: 'REQUEST.INVALID',
      message: 'The request is invalid.',
      fields: [{ field: 'from', message: 'from must be before to' }],
      requestId: expect.any(String),
    });
    const malformed = await invalid('from=yesterday&to=2026-02-30T00:00:00Z&groupBy=city');
    expect(malformed.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'from',
      'groupBy',
      'to',
    ]);
    expect((await invalid('colour=blue')).fields).toEqual([
      { field: 'colour', message: 'property colour should not exist' },
    ]);
    const speed = await get(app, '/v1/analytics/speed-to-lead?groupBy=source').expect(400);
    expect(speed.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['groupBy']);
  });
});
