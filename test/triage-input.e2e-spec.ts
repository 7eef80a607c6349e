import request from 'supertest';
import { count } from './support/harness';
import { triageSuite } from './support/triage-suite';

describe('coordinator triage over HTTP: bad input', () => {
  const suite = triageSuite();
  const { as, http, submit } = suite;
  const { admin, coordinator } = suite.team;

  /** Cory's post of a body as written: broken JSON, another type, too big. */
  const postAsWritten = (path: string, body: string, type = 'application/json') =>
    http().post(path).set('Authorization', coordinator.auth).set('Content-Type', type).send(body);

  it('answers 400 with field errors, 404, 415 and 413, and writes nothing', async () => {
    const id = await submit();
    const before = await count(suite.pool, 'lead_history');
    const path = `/v1/leads/${id}/contact-attempts`;

    const invalid = await as(coordinator)
      .post(path, { channel: 'pigeon', outcome: 'reached', callbackAt: 'tomorrow', extra: 1 })
      .expect(400);
    expect(invalid.body.error.code).toBe('REQUEST.INVALID');
    expect(invalid.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'callbackAt',
      'channel',
      'extra',
    ]);
    await as(coordinator)
      .post(`/v1/leads/01939a6e-0000-7000-8000-000000000000/transitions`, { to: 'lost' })
      .expect(404);
    const badId = await as(coordinator).get('/v1/leads/not-a-uuid').expect(400);
    expect(badId.body.error.fields).toEqual([
      { field: 'leadId', message: 'leadId must be a UUID' },
    ]);
    await postAsWritten(path, '{"channel": "phone",').expect(400);
    await postAsWritten(path, 'channel=phone', 'text/plain').expect(415);
    await postAsWritten(
      `/v1/leads/${id}/notes`,
      JSON.stringify({ body: 'x'.repeat(70_000) }),
    ).expect(413);
    await as(coordinator).post(path, [1, 2]).expect(400);
    const badQuery = await as(coordinator)
      .get('/v1/leads?status=open&limit=1000&sort=name&bogus=1')
      .expect(400);
    expect(badQuery.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'bogus',
      'limit',
      'sort',
      'status',
    ]);
    await as(coordinator).get('/v1/leads?cursor=garbage').expect(400);

    // Hostile input is a 4xx, never a 500.
    const hostile: Array<[string, () => request.Test, number]> = [
      [
        'NUL in a note',
        () => as(coordinator).post(`/v1/leads/${id}/notes`, { body: 'a\u0000b' }),
        400,
      ],
      ['lone surrogate', () => postAsWritten(`/v1/leads/${id}/notes`, '{"body":"\\ud800"}'), 400],
      ['NUL in a search', () => as(coordinator).get('/v1/leads?q=ab%00cd'), 400],
      ['a number as text', () => as(coordinator).post(`/v1/leads/${id}/notes`, { body: 12 }), 400],
      [
        'an array as a field',
        () => as(coordinator).post(path, { channel: ['phone'], outcome: 'reached' }),
        400,
      ],
      [
        '__proto__',
        () =>
          as(coordinator).post(
            `/v1/leads/${id}/transitions`,
            JSON.parse('{"__proto__":{"to":"lost"}}'),
          ),
        400,
      ],
      [
        'deep nesting',
        () =>
          postAsWritten(
            `/v1/leads/${id}/notes`,
            `{"body":"x","n":${'['.repeat(5000)}${']'.repeat(5000)}}`,
          ),
        400,
      ],
      ['huge limit', () => as(coordinator).get('/v1/leads?limit=1e400'), 400],
      [
        'repeated parameter',
        () => as(coordinator).get('/v1/leads?sort=created&sort=priority'),
        400,
      ],
      [
        'far-future date',
        () => as(coordinator).get('/v1/leads?createdFrom=99999-01-01T00:00:00Z'),
        400,
      ],
      [
        'forged cursor',
        () =>
          as(coordinator).get(
            `/v1/leads?cursor=${Buffer.from(JSON.stringify({ s: '-created', k: ['2026-13-45T99:99:99.000000Z', '------------------------------------'] })).toString('base64url')}`,
          ),
        400,
      ],
      [
        'staff with a NUL',
        () => as(admin).post('/v1/staff', { name: 'x\u0000', role: 'viewer' }),
        400,
      ],
    ];
    for (const [what, call, status] of hostile) {
      const res = await call();
      expect([what, res.status]).toEqual([what, status]);
    }

    expect(await count(suite.pool, 'lead_history')).toBe(before);
    expect(await count(suite.pool, 'lead_contact_attempts')).toBe(0);
    expect(await count(suite.pool, 'lead_notes')).toBe(0);
  });
});
