import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { userInfo } from 'node:os';
import { Pool } from 'pg';
import request from 'supertest';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import {
  DEFAULT_POOL_ID,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  testPool,
} from './support/harness';
import { testEnv } from './support/test-config';

interface AuditRow {
  id: string;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  client_request_id: string | null;
}

/** What the cases share: ids made by earlier cases, used by later ones. */
interface State {
  staffId: string;
  coordinatorId: string;
  keyId: string;
  awayId: string;
  poolId: string;
}

interface Case {
  name: string;
  call: (http: () => request.SuperTest<request.Test>, s: State) => request.Test;
  status: number;
  action: string;
  targetId: (body: Record<string, unknown>, s: State) => string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Ids the response gives to later cases. */
  keep?: (body: Record<string, unknown>, s: State) => void;
}

const SETTINGS_ZONE = 'America/Chicago';

/** Every admin write over HTTP, in an order where each can use what the earlier ones made. */
const CASES: Case[] = [
  {
    name: 'POST /v1/staff',
    call: (http) =>
      http().post('/v1/staff').send({ name: 'Casey Audit', email: null, role: 'coordinator' }),
    status: 201,
    action: 'staff.created',
    targetId: (body) => body.id as string,
    before: null,
    after: { name: 'Casey Audit', role: 'coordinator', active: true, email: null },
    keep: (body, s) => (s.staffId = body.id as string),
  },
  {
    name: 'PATCH /v1/staff/{id} (name)',
    call: (http, s) => http().patch(`/v1/staff/${s.staffId}`).send({ name: 'Casey Renamed' }),
    status: 200,
    action: 'staff.updated',
    targetId: (_, s) => s.staffId,
    before: { name: 'Casey Audit', role: 'coordinator' },
    after: { name: 'Casey Renamed', role: 'coordinator' },
  },
  {
    name: 'PATCH /v1/staff/{id} (role)',
    call: (http, s) =>
      http().patch(`/v1/staff/${s.staffId}`).send({ role: 'viewer', active: false }),
    status: 200,
    action: 'staff.role_changed',
    targetId: (_, s) => s.staffId,
    before: { role: 'coordinator', active: true },
    after: { role: 'viewer', active: false },
  },
  {
    name: 'POST /v1/staff/{id}/api-keys',
    call: (http, s) => http().post(`/v1/staff/${s.staffId}/api-keys`).send({ name: 'laptop' }),
    status: 201,
    action: 'api_key.created',
    targetId: (body) => body.id as string,
    before: null,
    after: { name: 'laptop', revokedAt: null },
    keep: (body, s) => (s.keyId = body.id as string),
  },
  {
    name: 'DELETE /v1/api-keys/{id}',
    call: (http, s) => http().delete(`/v1/api-keys/${s.keyId}`),
    status: 200,
    action: 'api_key.revoked',
    targetId: (_, s) => s.keyId,
    before: { name: 'laptop', revokedAt: null },
    after: { name: 'laptop', revokedAt: expect.any(String) },
  },
  {
    name: 'PUT /v1/forms/{key} (new)',
    call: (http) => http().put('/v1/forms/audit-form').send(formBody('First name')),
    status: 201,
    action: 'form.created',
    targetId: () => 'audit-form',
    before: null,
    after: { key: 'audit-form', name: 'First name', allowedOrigins: ['https://clinic.example'] },
  },
  {
    name: 'PUT /v1/forms/{key} (replace)',
    call: (http) => http().put('/v1/forms/audit-form').send(formBody('Second name')),
    status: 200,
    action: 'form.updated',
    targetId: () => 'audit-form',
    before: { key: 'audit-form', name: 'First name' },
    after: { key: 'audit-form', name: 'Second name' },
  },
  {
    name: 'PUT /v1/scheduling/settings',
    call: (http) => http().put('/v1/scheduling/settings').send(settingsBody(SETTINGS_ZONE)),
    status: 200,
    action: 'scheduling_settings.updated',
    targetId: () => null,
    before: { timeZone: 'America/New_York' },
    after: { timeZone: SETTINGS_ZONE },
  },
  {
    name: 'PATCH /v1/staff/{id}/schedule',
    call: (http, s) =>
      http()
        .patch(`/v1/staff/${s.coordinatorId}/schedule`)
        .send({ weight: 3, languages: ['es'] }),
    status: 200,
    action: 'staff_schedule.updated',
    targetId: (_, s) => s.coordinatorId,
    before: { weight: 1, languages: [] },
    after: { weight: 3, languages: ['es'] },
  },
  {
    name: 'POST /v1/staff/{id}/away-periods',
    call: (http, s) =>
      http().post(`/v1/staff/${s.coordinatorId}/away-periods`).send({
        startsAt: '2027-01-04T00:00:00Z',
        endsAt: '2027-01-05T00:00:00Z',
        reason: 'training',
      }),
    status: 201,
    action: 'away_period.created',
    targetId: (body) => body.id as string,
    before: null,
    after: { reason: 'training', startsAt: '2027-01-04T00:00:00.000Z' },
    keep: (body, s) => (s.awayId = body.id as string),
  },
  {
    name: 'DELETE /v1/staff/{id}/away-periods/{awayId}',
    call: (http, s) => http().delete(`/v1/staff/${s.coordinatorId}/away-periods/${s.awayId}`),
    status: 204,
    action: 'away_period.deleted',
    targetId: (_, s) => s.awayId,
    before: { reason: 'training', endsAt: '2027-01-05T00:00:00.000Z' },
    after: null,
  },
  {
    name: 'POST /v1/routing/pools',
    call: (http, s) =>
      http()
        .post('/v1/routing/pools')
        .send({ name: 'Spanish', strategy: 'round_robin', memberIds: [s.coordinatorId] }),
    status: 201,
    action: 'routing_pool.created',
    targetId: (body) => body.id as string,
    before: null,
    after: { name: 'Spanish', strategy: 'round_robin' },
    keep: (body, s) => (s.poolId = body.id as string),
  },
  {
    name: 'PUT /v1/routing/pools/{id}',
    call: (http, s) =>
      http()
        .put(`/v1/routing/pools/${s.poolId}`)
        .send({ name: 'Spanish', strategy: 'least_loaded', memberIds: [s.coordinatorId] }),
    status: 200,
    action: 'routing_pool.updated',
    targetId: (_, s) => s.poolId,
    before: { strategy: 'round_robin' },
    after: { strategy: 'least_loaded' },
  },
  {
    name: 'PUT /v1/routing/rules',
    call: (http, s) =>
      http()
        .put('/v1/routing/rules')
        .send({ rules: [{ name: 'Texas', conditions: { states: ['TX'] }, poolId: s.poolId }] }),
    status: 200,
    action: 'routing_rules.replaced',
    targetId: () => null,
    before: { rules: [] },
    after: { rules: [expect.objectContaining({ name: 'Texas' })] },
  },
  {
    name: 'PUT /v1/routing/rules (emptied, so the pool can go)',
    call: (http) => http().put('/v1/routing/rules').send({ rules: [] }),
    status: 200,
    action: 'routing_rules.replaced',
    targetId: () => null,
    before: { rules: [expect.objectContaining({ name: 'Texas' })] },
    after: { rules: [] },
  },
  {
    name: 'DELETE /v1/routing/pools/{id}',
    call: (http, s) => http().delete(`/v1/routing/pools/${s.poolId}`),
    status: 204,
    action: 'routing_pool.deleted',
    targetId: (_, s) => s.poolId,
    before: { name: 'Spanish', strategy: 'least_loaded' },
    after: null,
  },
];

/** A refused change of every kind: each answers 4xx and writes no audit row. */
const REFUSED: Array<{ name: string; call: Case['call']; status: number }> = [
  {
    name: 'POST /v1/staff with an unknown role',
    call: (http) => http().post('/v1/staff').send({ name: 'X', role: 'boss' }),
    status: 400,
  },
  {
    name: 'PATCH /v1/staff/{id} of nobody',
    call: (http) => http().patch(`/v1/staff/${NOBODY}`).send({ name: 'X' }),
    status: 404,
  },
  {
    name: 'POST /v1/staff/{id}/api-keys for nobody',
    call: (http) => http().post(`/v1/staff/${NOBODY}/api-keys`).send({ name: 'x' }),
    status: 404,
  },
  {
    name: 'DELETE /v1/api-keys/{id} of no key',
    call: (http) => http().delete(`/v1/api-keys/${NOBODY}`),
    status: 404,
  },
  {
    name: 'PUT /v1/forms/{key} with an origin that has a path',
    call: (http) =>
      http()
        .put('/v1/forms/audit-form')
        .send({ ...formBody('Bad'), allowedOrigins: ['https://clinic.example/path'] }),
    status: 400,
  },
  {
    name: 'PUT /v1/scheduling/settings with no such time zone',
    call: (http) => http().put('/v1/scheduling/settings').send(settingsBody('Mars/Olympus')),
    status: 400,
  },
  {
    name: 'PATCH /v1/staff/{id}/schedule with no such time zone',
    call: (http, s) =>
      http().patch(`/v1/staff/${s.coordinatorId}/schedule`).send({ timeZone: 'Mars/Olympus' }),
    status: 400,
  },
  {
    name: 'POST /v1/staff/{id}/away-periods ending before it starts',
    call: (http, s) =>
      http().post(`/v1/staff/${s.coordinatorId}/away-periods`).send({
        startsAt: '2027-01-05T00:00:00Z',
        endsAt: '2027-01-04T00:00:00Z',
        reason: 'sick',
      }),
    status: 400,
  },
  {
    name: 'DELETE /v1/staff/{id}/away-periods/{awayId} of no period',
    call: (http, s) => http().delete(`/v1/staff/${s.coordinatorId}/away-periods/${NOBODY}`),
    status: 404,
  },
  {
    name: 'POST /v1/routing/pools with a member who is nobody',
    call: (http) =>
      http()
        .post('/v1/routing/pools')
        .send({ name: 'Ghosts', strategy: 'round_robin', memberIds: [NOBODY] }),
    status: 400,
  },
  {
    name: 'PUT /v1/routing/pools/{id} of no pool',
    call: (http) =>
      http().put(`/v1/routing/pools/${NOBODY}`).send({ name: 'X', strategy: 'round_robin' }),
    status: 404,
  },
  {
    name: 'DELETE /v1/routing/pools/{id} of the default pool',
    call: (http) => http().delete(`/v1/routing/pools/${DEFAULT_POOL_ID}`),
    status: 409,
  },
  {
    name: 'PUT /v1/routing/rules naming no pool',
    call: (http) =>
      http()
        .put('/v1/routing/rules')
        .send({ rules: [{ name: 'X', conditions: {}, poolId: NOBODY }] }),
    status: 400,
  },
];

const NOBODY = '01900000-0000-7000-8000-000000000000';

function formBody(name: string) {
  return {
    name,
    allowedOrigins: ['https://clinic.example'],
    thankYouUrl: 'https://clinic.example/thanks',
    honeypotField: 'website',
    fieldAliases: {},
    requiredFields: [],
    minFillSeconds: 3,
  };
}

/** The defaults as GET returns them, in another zone. */
let defaultSettings: Record<string, unknown>;
function settingsBody(timeZone: string) {
  return { ...defaultSettings, timeZone };
}

describe('admin audit', () => {
  let pool: Pool;
  let api: INestApplication;
  let admin: StaffCredential;
  const state = {} as State;
  const http = () => request(api.getHttpServer());
  /** As the admin, by API key. */
  const asAdmin = () => {
    const agent = request.agent(api.getHttpServer()).set('Authorization', admin.auth);
    return agent as unknown as request.SuperTest<request.Test>;
  };

  const rows = async (): Promise<AuditRow[]> =>
    (await pool.query('SELECT * FROM admin_audit ORDER BY id')).rows;

  /** Every API key hash and `ik_…` key: none may appear anywhere in an audit row. */
  const expectNoSecrets = async (row: AuditRow) => {
    const text = JSON.stringify(row);
    expect(text).not.toMatch(/ik_[A-Za-z0-9]+_[A-Za-z0-9]/);
    const hashes = (await pool.query('SELECT secret_hash FROM api_keys')).rows;
    for (const { secret_hash: hash } of hashes) expect(text).not.toContain(hash);
  };

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
    await resetDatabase(pool);
    admin = await staffWithKey(api, 'admin');
    state.coordinatorId = (await staffWithKey(api, 'coordinator')).staffId;
    defaultSettings = (await asAdmin().get('/v1/scheduling/settings').expect(200)).body;
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  it('lets nobody change or remove a row, nor empty the table', async () => {
    expect((await rows()).length).toBeGreaterThan(0); // test-setup's staff and keys
    for (const sql of [
      `UPDATE admin_audit SET action = 'staff.updated'`,
      'DELETE FROM admin_audit',
      'TRUNCATE admin_audit',
    ]) {
      await expect(pool.query(sql)).rejects.toThrow('admin_audit is append-only');
    }
  });

  describe.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    it(`writes one row: ${c.action}, the admin by API key, before and after, the request ids`, async () => {
      const seen = new Set((await rows()).map((r) => r.id));
      // Every other case sends an id of its own, kept beside the server's.
      const clientId = i % 2 === 0 ? `client-${i}.audit` : null;
      const call = c.call(asAdmin, state);
      if (clientId) call.set('X-Request-Id', clientId);
      const res = await call;
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(c.status);
      c.keep?.(res.body, state);

      const added = (await rows()).filter((r) => !seen.has(r.id));
      expect(added).toHaveLength(1);
      const row = added[0]!;
      expect(row).toMatchObject({
        actor_type: 'api_key',
        actor_id: admin.staffId,
        actor_label: null,
        action: c.action,
        target_type: c.action.split('.')[0],
        target_id: c.targetId(res.body, state),
        request_id: res.headers['x-request-id'],
        client_request_id: clientId,
      });
      expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.request_id).not.toBe(clientId);
      if (c.before === null) expect(row.before).toBeNull();
      else expect(row.before).toMatchObject(c.before);
      if (c.after === null) expect(row.after).toBeNull();
      else expect(row.after).toMatchObject(c.after);
      await expectNoSecrets(row);
    });
  });

  it('records the key a new API key response showed nowhere: neither the key nor its hash', async () => {
    const res = await asAdmin()
      .post(`/v1/staff/${state.coordinatorId}/api-keys`)
      .send({ name: 'shown once' })
      .expect(201);
    const [row] = (
      await pool.query('SELECT * FROM admin_audit WHERE target_id = $1', [res.body.id])
    ).rows as AuditRow[];
    expect(row!.after).toMatchObject({ id: res.body.id, prefix: res.body.prefix });
    const text = JSON.stringify(row);
    expect(text).not.toContain(res.body.key);
    // The secret is what follows `ik_<prefix>_`; it may hold `_` itself (base64url).
    expect(text).not.toContain(res.body.key.slice(`ik_${res.body.prefix}_`.length));
    await expectNoSecrets(row!);
  });

  it('revoking a revoked key changes nothing and writes nothing', async () => {
    const before = (await rows()).length;
    await asAdmin().delete(`/v1/api-keys/${state.keyId}`).expect(200);
    expect((await rows()).length).toBe(before);
  });

  it('ignores a malformed client request id', async () => {
    const res = await asAdmin()
      .patch(`/v1/staff/${state.staffId}`)
      .set('X-Request-Id', 'not ok; has spaces')
      .send({ name: 'Casey Again' })
      .expect(200);
    const [row] = (
      await pool.query('SELECT * FROM admin_audit WHERE request_id = $1', [
        res.headers['x-request-id'],
      ])
    ).rows as AuditRow[];
    expect(row).toMatchObject({ action: 'staff.updated', client_request_id: null });
  });

  describe.each(REFUSED.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    it(`answers ${r.status} and writes no row`, async () => {
      const before = (await rows()).length;
      const res = await r.call(asAdmin, state);
      expect(res.status).toBe(r.status);
      expect((await rows()).length).toBe(before);
    });
  });

  it('writes the change and its row in one transaction: a failed row undoes the change', async () => {
    await pool.query(
      `ALTER TABLE admin_audit ADD CONSTRAINT test_refuse_form_update CHECK (action <> 'form.updated') NOT VALID`,
    );
    try {
      const before = (await rows()).length;
      await asAdmin().put('/v1/forms/audit-form').send(formBody('Never saved')).expect(500);
      expect((await rows()).length).toBe(before);
      const form = await asAdmin().get('/v1/forms/audit-form').expect(200);
      expect(form.body.name).toBe('Second name');
    } finally {
      await pool.query('ALTER TABLE admin_audit DROP CONSTRAINT test_refuse_form_update');
    }
  });

  it('audits a coordinator’s own absence with the coordinator as actor', async () => {
    const coordinator = await staffWithKey(api, 'coordinator');
    const res = await http()
      .post(`/v1/staff/${coordinator.staffId}/away-periods`)
      .set('Authorization', coordinator.auth)
      .send({ startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-02T00:00:00Z', reason: 'sick' })
      .expect(201);
    const [row] = (
      await pool.query('SELECT * FROM admin_audit WHERE target_id = $1', [res.body.id])
    ).rows as AuditRow[];
    expect(row).toMatchObject({
      actor_type: 'api_key',
      actor_id: coordinator.staffId,
      action: 'away_period.created',
    });
  });

  describe('the CLI', () => {
    let cli: INestApplicationContext;

    beforeAll(async () => {
      cli = await NestFactory.createApplicationContext(
        CliModule.forRoot(loadCliConfig(testEnv())),
        {
          logger: false,
        },
      );
    });

    afterAll(async () => {
      await cli?.close();
    });

    const parked = async () =>
      (
        await pool.query(
          `INSERT INTO outbox (id, type, partition_key, subject, source, payload, occurred_at,
                               attempts, parked_at, parked_reason, last_error)
           VALUES (gen_random_uuid(), 'intake.lead.submitted.v1', gen_random_uuid()::text,
                   'lead', '/intake/test', '{}', now(), 10, now(), 'KAFKA.MESSAGE_TOO_LARGE',
                   'broker said no')
           RETURNING id`,
        )
      ).rows[0].id as string;

    it('audits re-driving a parked record as the --actor given', async () => {
      const id = await parked();
      const seen = new Set((await rows()).map((r) => r.id));
      await runCli(cli, ['outbox:redrive', '--id', id, '--actor', 'dana@ops']);
      const added = (await rows()).filter((r) => !seen.has(r.id));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        actor_type: 'cli',
        actor_id: null,
        actor_label: 'dana@ops',
        action: 'parked_event.redriven',
        target_type: 'parked_event',
        target_id: id,
        before: {
          id,
          attempts: 10,
          reason: 'KAFKA.MESSAGE_TOO_LARGE',
          parkedAt: expect.any(String),
        },
        after: { id, attempts: 0, reason: null, parkedAt: null },
        client_request_id: null,
      });
      expect(added[0]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(added[0])).not.toContain('broker said no');
    });

    it('audits discarding one as the OS user when no --actor is given', async () => {
      const id = await parked();
      const seen = new Set((await rows()).map((r) => r.id));
      await runCli(cli, ['outbox:discard', '--id', id]);
      const added = (await rows()).filter((r) => !seen.has(r.id));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        actor_type: 'cli',
        actor_label: userInfo().username,
        action: 'parked_event.discarded',
        target_id: id,
        before: { id, reason: 'KAFKA.MESSAGE_TOO_LARGE' },
        after: null,
      });
    });

    it('writes nothing for a record that is not parked', async () => {
      const before = (await rows()).length;
      await expect(runCli(cli, ['outbox:discard', '--id', NOBODY])).rejects.toThrow(
        'no parked record',
      );
      expect((await rows()).length).toBe(before);
    });

    it('audits keys:create and keys:revoke, one run id for a run’s changes, and never the key', async () => {
      const seen = new Set((await rows()).map((r) => r.id));
      const output = await runCli(cli, [
        'keys:create',
        '--role',
        'admin',
        '--name',
        'Shell Admin',
        '--actor',
        'ops',
      ]);
      const keyId = /^key id: (\S+)$/m.exec(output)![1]!;
      const added = (await rows()).filter((r) => !seen.has(r.id));
      expect(added.map((r) => r.action)).toEqual(['staff.created', 'api_key.created']);
      expect(new Set(added.map((r) => r.request_id)).size).toBe(1);
      expect(added.every((r) => r.actor_type === 'cli' && r.actor_label === 'ops')).toBe(true);
      for (const row of added) await expectNoSecrets(row);

      await runCli(cli, ['keys:revoke', '--id', keyId, '--actor', 'ops']);
      const [revoked] = (
        await pool.query(
          `SELECT * FROM admin_audit WHERE action = 'api_key.revoked' AND target_id = $1`,
          [keyId],
        )
      ).rows as AuditRow[];
      expect(revoked).toMatchObject({ actor_type: 'cli', actor_label: 'ops' });
      expect(revoked!.request_id).not.toBe(added[0]!.request_id);
    });
  });

  describe('GET /v1/admin-audit', () => {
    const list = (query: string) => asAdmin().get(`/v1/admin-audit${query}`);

    it('lists every row newest first in pages, with the actor, change and request ids', async () => {
      const all = (await rows()).reverse();
      const seen: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await list(
          `?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((e) => e.id)).toEqual(all.map((r) => r.id));
      const created = seen.find((e) => e.action === 'routing_pool.created')!;
      const row = all.find((r) => r.id === created.id)!;
      expect(created).toEqual({
        id: row.id,
        at: row.at.toISOString(),
        actor: { type: 'api_key', staffId: admin.staffId, label: null },
        action: 'routing_pool.created',
        targetType: 'routing_pool',
        targetId: state.poolId,
        before: null,
        after: row.after,
        requestId: row.request_id,
        clientRequestId: row.client_request_id,
      });
    });

    it('filters by actor, actor type, action, target and time', async () => {
      const all = await rows();
      const ids = async (query: string) =>
        ((await list(query).expect(200)).body.items as Array<{ id: string }>)
          .map((e) => e.id)
          .sort();
      const expectRows = (keep: (r: AuditRow) => boolean) =>
        all
          .filter(keep)
          .map((r) => r.id)
          .sort();

      expect(await ids(`?actorId=${admin.staffId}&limit=200`)).toEqual(
        expectRows((r) => r.actor_id === admin.staffId),
      );
      expect(await ids('?actorType=cli&limit=200')).toEqual(
        expectRows((r) => r.actor_type === 'cli'),
      );
      expect(await ids('?action=routing_rules.replaced')).toEqual(
        expectRows((r) => r.action === 'routing_rules.replaced'),
      );
      expect(await ids('?action=routing_rules.replaced')).toHaveLength(2);
      expect(await ids('?targetType=form&targetId=audit-form')).toEqual(
        expectRows((r) => r.target_type === 'form' && r.target_id === 'audit-form'),
      );
      expect(await ids('?targetType=form&targetId=audit-form')).toHaveLength(2);
      expect(await ids(`?targetId=${state.coordinatorId}`)).toEqual(
        expectRows((r) => r.target_id === state.coordinatorId),
      );

      // A window holding only some of the rows: from inclusive, to exclusive.
      const middle = all[Math.floor(all.length / 2)]!;
      const from = middle.at.toISOString();
      const to = new Date(middle.at.getTime() + 1).toISOString();
      expect(await ids(`?from=${from}&to=${to}`)).toEqual(
        expectRows((r) => r.at.getTime() === middle.at.getTime()),
      );
      expect(await ids(`?to=${from}&limit=200`)).toEqual(
        expectRows((r) => r.at.getTime() < middle.at.getTime()),
      );
    });

    it('refuses an unknown filter value, and anyone but an admin', async () => {
      await list('?action=staff.deleted').expect(400);
      await list('?actorType=robot').expect(400);
      await list('?from=yesterday').expect(400);
      await list('?surprise=1').expect(400);
      const coordinator = await staffWithKey(api, 'coordinator');
      await http().get('/v1/admin-audit').set('Authorization', coordinator.auth).expect(403);
      await http().get('/v1/admin-audit').expect(401);
    });
  });
});
