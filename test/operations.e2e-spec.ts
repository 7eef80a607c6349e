import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { OutboxPruner } from '@intake/events';
import { IntakePruner } from '@intake/intake';
import {
  consultation,
  count,
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';

const ENDPOINT = '/v1/forms/consultation/submissions';
const ROOT = join(__dirname, '..');

describe('operations', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = testPool();
  });
  afterAll(async () => {
    await pool.end();
  });
  beforeEach(async () => {
    await resetDatabase(pool);
  });

  it('writes no name, email, phone or message to the logs, even when a request fails inside', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk) => lines.push(String(chunk)));
    const app = await startApi({ LOG_LEVEL: 'trace' }, stream);
    let coordinator: StaffCredential | undefined;
    let named: request.Response[] | undefined;
    try {
      await createForm(app);
      const person = consultation({
        firstName: 'Zebulon',
        lastName: 'Quixotically',
        email: 'zebulon.q@example.com',
        phone: '(415) 555-0199',
        message: 'Thinking about self-harm lately',
      });
      const http = () => request(app.getHttpServer());
      const leadId = await leadOf(pool, await http().post(ENDPOINT).send(person).expect(201));
      await http()
        .post(ENDPOINT)
        .send({ ...person, email: 'zebulon.q@example' })
        .expect(400);
      // The coordinator API: a note, a search by name and by email, a bad key, a refused body.
      coordinator = await staffWithKey(app, 'coordinator');
      const auth = { Authorization: coordinator.auth };
      await http()
        .post(`/v1/leads/${leadId}/notes`)
        .set(auth)
        .send({ body: 'Zebulon mentioned self-harm' })
        .expect(201);
      await http()
        .post(`/v1/leads/${leadId}/contact-attempts`)
        .set(auth)
        .send({ channel: 'phone', outcome: 'reached', note: 'Quixotically kind' })
        .expect(201);
      await http().get('/v1/leads?q=Quixotically').set(auth).expect(200);
      await http().get('/v1/leads?q=zebulon.q%40example.com').set(auth).expect(200);
      await http().get(`/v1/leads/${leadId}`).set(auth).expect(200);
      await http()
        .post(`/v1/leads/${leadId}/notes`)
        .set(auth)
        .send({ body: 'Zebulon', extra: 'zebulon.q@example.com' })
        .expect(400);
      await http().get('/v1/leads').set('Authorization', `${coordinator.auth}x`).expect(401);
      // The server names every request; a client's own well-formed id is logged beside it.
      named = [
        await http().get('/v1/me').set('X-Request-Id', 'client-abc.1').expect(401),
        await http().get('/v1/me').set('X-Request-Id', 'bad id <script>').expect(401),
      ];
      await http()
        .post(`${ENDPOINT}?email=zebulon.q@example.com`)
        .type('form')
        .send('firstName=Zebulon')
        .expect(400);
      // Failures inside the database whose errors quote the submitted values: as parameters and
      // detail (a CHECK violation), and in the message and context (a trigger raising them).
      // The name reaches the database sealed, so the check refuses every sealed first name.
      await pool.query(
        `ALTER TABLE leads ADD CONSTRAINT no_zebulon CHECK (first_name NOT LIKE 'v1:%') NOT VALID`,
      );
      try {
        await http()
          .post(ENDPOINT)
          .send({ ...person, email: 'zebulon.r@example.com', phone: '4155550198' })
          .expect(500);
      } finally {
        await pool.query('ALTER TABLE leads DROP CONSTRAINT no_zebulon');
      }
      await pool.query(`CREATE FUNCTION leak_values() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'refusing % %', NEW.email, NEW.first_name; END $$`);
      await pool.query(
        'CREATE TRIGGER leak_values BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION leak_values()',
      );
      try {
        await http()
          .post(ENDPOINT)
          .send({ ...person, email: 'zebulon.s@example.com', phone: '4155550197' })
          .expect(500);
      } finally {
        await pool.query('DROP TRIGGER leak_values ON leads');
        await pool.query('DROP FUNCTION leak_values()');
      }
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('/v1/leads');
    expect(log).toContain('unhandled error');
    expect(log).toContain('no_zebulon');
    expect(log).toContain('P0001');
    for (const personal of [
      'Zebulon',
      'Quixotically',
      'zebulon.q',
      'zebulon.r',
      '555-0199',
      '5550199',
      'self-harm',
      coordinator!.auth.slice('Bearer ik_'.length),
    ]) {
      expect(log).not.toContain(personal);
    }
    const ids = named!.map((r) => r.headers['x-request-id']);
    expect(ids).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);
    expect(named!.map((r) => r.body.error.requestId)).toEqual(ids);
    const completed = lines
      .join('')
      .split('\n')
      .filter((line) => line.includes('"path":"/v1/me"'))
      .map((line) => JSON.parse(line).req);
    expect(completed).toEqual([
      { id: ids[0], clientRequestId: 'client-abc.1', method: 'GET', path: '/v1/me' },
      { id: ids[1], method: 'GET', path: '/v1/me' },
    ]);
  });

  it('lets an in-flight request finish during a graceful shutdown', async () => {
    const app = await startApi();
    await createForm(app);
    const body = JSON.stringify(consultation());
    const { port } = app.getHttpServer().address() as AddressInfo;
    let status = 0;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: ENDPOINT,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
      },
    });
    const answered = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 20));
    await new Promise((r) => setTimeout(r, 200)); // the request is now in flight
    const closed = app.close();
    await new Promise((r) => setTimeout(r, 200));
    req.end(body.slice(20));
    await answered;
    await closed;
    expect(status).toBe(201);
    expect(await count(pool, 'submissions')).toBe(1);
  });

  it.each([
    ['api', 'apps/api/src/main.ts', { PORT: 'not-a-port' }, /PORT is invalid/],
    ['worker', 'apps/worker/src/main.ts', { RELAY_BATCH_SIZE: '0' }, /RELAY_BATCH_SIZE is invalid/],
  ])(
    'the %s refuses to start on bad configuration and names the variable',
    async (_app, entry, env, message) => {
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
        { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
    },
    60_000,
  );

  it('stores nothing when the request fails inside the transaction', async () => {
    const app = await startApi();
    try {
      await createForm(app);
      await pool.query(`ALTER TABLE submissions ADD CONSTRAINT fail_all CHECK (false) NOT VALID`);
      try {
        await request(app.getHttpServer()).post(ENDPOINT).send(consultation()).expect(500);
      } finally {
        await pool.query('ALTER TABLE submissions DROP CONSTRAINT fail_all');
      }
      expect(await count(pool, 'leads')).toBe(0);
      expect(await count(pool, 'outbox')).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('prunes published outbox rows past retention and idempotency keys past 24 hours, nothing else', async () => {
    const { context } = await startWorker({ OUTBOX_RETENTION_HOURS: '24' });
    try {
      const row = (key: string, publishedAgo: string | null) =>
        pool.query(
          `INSERT INTO outbox (id, type, partition_key, subject, sequence, source, payload, occurred_at, published_at)
           VALUES (gen_random_uuid(), 'intake.lead.submitted.v1', $1, $1, 1, '/intake/test', '{}', now() - interval '3 days',
                   CASE WHEN $2::interval IS NULL THEN NULL ELSE now() - $2::interval END)`,
          [key, publishedAgo],
        );
      await row('old-published', '25 hours');
      await row('recent-published', '23 hours');
      await row('old-unpublished', null);
      await pool.query(
        `INSERT INTO idempotency_keys (form_key, key, created_at, response)
         VALUES ('f', 'old', now() - interval '25 hours', '{}'), ('f', 'fresh', now() - interval '23 hours', '{}')`,
      );

      expect(await context.get(OutboxPruner).prune()).toBe(1);
      expect(await context.get(IntakePruner).pruneIdempotencyKeys()).toBe(1);
      const keys = (await pool.query('SELECT partition_key FROM outbox ORDER BY seq')).rows.map(
        (r) => r.partition_key,
      );
      expect(keys).toEqual(['recent-published', 'old-unpublished']);
      expect((await pool.query('SELECT key FROM idempotency_keys')).rows).toEqual([
        { key: 'fresh' },
      ]);
      // Rate-limit windows: ended ones go, a running window or a block still in force stays.
      await pool.query(
        `INSERT INTO throttle_counters (key, hits, window_ends_at, blocked_until) VALUES
           ('ended', 3, now() - interval '1 minute', NULL),
           ('running', 3, now() + interval '1 minute', NULL),
           ('blocked', 30, now() - interval '1 minute', now() + interval '5 minutes')`,
      );
      expect(await context.get(IntakePruner).pruneThrottleCounters()).toBe(1);
      expect(
        (await pool.query('SELECT key FROM throttle_counters ORDER BY key')).rows.map((r) => r.key),
      ).toEqual(['blocked', 'running']);
      // What a replay can rely on: every event that happened after the cutoff (24 h ago) is kept.
      const [watermark] = (
        await pool.query(
          `SELECT extract(epoch FROM now() - complete_from) / 3600 AS hours_ago FROM outbox_retention`,
        )
      ).rows;
      expect(Number(watermark.hours_ago)).toBeCloseTo(24, 1);
      // Nothing more to delete: the watermark stays where it is.
      expect(await context.get(OutboxPruner).prune()).toBe(0);
      expect(await count(pool, 'outbox_retention')).toBe(1);
    } finally {
      await context.close();
    }
  });

  describe('failing fast', () => {
    /** A lead, and a row lock on it held by another session until `release`. */
    async function lockedLead(app: INestApplication) {
      await createForm(app);
      const res = await request(app.getHttpServer())
        .post(ENDPOINT)
        .send(consultation())
        .expect(201);
      const leadId = await leadOf(pool, res);
      const holder = await pool.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM leads WHERE id = $1 FOR UPDATE', [leadId]);
      const release = async () => {
        await holder.query('ROLLBACK');
        holder.release();
      };
      return { leadId, release };
    }

    it('answers a write to a locked lead 503 DATABASE.BUSY within the lock timeout, then succeeds once the lock is gone', async () => {
      const app = await startApi({ DATABASE_LOCK_TIMEOUT_MS: '500' });
      try {
        const { leadId, release } = await lockedLead(app);
        const admin = await staffWithKey(app, 'admin');
        const write = () =>
          request(app.getHttpServer())
            .put(`/v1/leads/${leadId}/priority`)
            .set('Authorization', admin.auth)
            .send({ priority: 'high' });
        try {
          const started = Date.now();
          const refused = await write();
          expect(Date.now() - started).toBeLessThan(3_000);
          expect(refused.status).toBe(503);
          expect(refused.headers['retry-after']).toBe('1');
          expect(refused.body.error).toMatchObject({ code: 'DATABASE.BUSY', fields: [] });
        } finally {
          await release();
        }
        expect((await write()).status).toBe(200);
        expect(
          (await pool.query('SELECT priority FROM leads WHERE id = $1', [leadId])).rows,
        ).toEqual([{ priority: 'high' }]);
      } finally {
        await app.close();
      }
    });

    it('reports not ready within 2 s while every connection waits, and ready again after', async () => {
      // One connection, taken by a write waiting for a lock: the probe cannot get one.
      const app = await startApi({ DATABASE_POOL_SIZE: '1', DATABASE_LOCK_TIMEOUT_MS: '8000' });
      try {
        const { leadId, release } = await lockedLead(app);
        const admin = await staffWithKey(app, 'admin');
        let waiting: Promise<request.Response> | null = null;
        try {
          waiting = request(app.getHttpServer())
            .put(`/v1/leads/${leadId}/priority`)
            .set('Authorization', admin.auth)
            .send({ priority: 'high' })
            .then((r) => r);
          await waitUntil(
            async () =>
              (
                await pool.query(
                  `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
                )
              ).rowCount,
            5_000,
            'the write to wait for the lock',
          );
          const started = Date.now();
          const probe = await request(app.getHttpServer()).get('/health/ready');
          expect(Date.now() - started).toBeLessThan(2_500);
          expect(probe.status).toBe(503);
          expect(probe.body.checks.database).toBe('down');
        } finally {
          await release();
        }
        expect((await waiting!).status).toBe(200);
        expect((await request(app.getHttpServer()).get('/health/ready')).body.checks.database).toBe(
          'up',
        );
      } finally {
        await app.close();
      }
    });

    it('keeps an idle connection open past Node’s 5 s default, for load balancers that reuse it', async () => {
      const app = await startApi();
      try {
        const { port } = app.getHttpServer().address() as AddressInfo;
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const get = () =>
          new Promise<boolean>((resolve, reject) => {
            const req = httpRequest(
              { host: '127.0.0.1', port, path: '/health/live', agent },
              (res) => {
                res.resume();
                res.on('end', () => resolve(req.reusedSocket));
              },
            );
            req.on('error', reject);
            req.end();
          });
        try {
          expect(await get()).toBe(false);
          await new Promise((r) => setTimeout(r, 6_000));
          expect(await get()).toBe(true);
        } finally {
          agent.destroy();
        }
      } finally {
        await app.close();
      }
    }, 30_000);
  });
});
