import { runCli } from '../apps/cli/src/cli';
import { apiSuite } from './support/api-suite';
import { resetDatabase, StaffCredential, staffWithKey } from './support/harness';

describe('API keys', () => {
  const suite = apiSuite();
  const { as, http } = suite;

  let admin: StaffCredential;

  beforeEach(async () => {
    await resetDatabase(suite.pool);
    admin = await staffWithKey(suite.api, 'admin', 'Root Admin');
  });

  it('shows a key once, stores only its hash, and keeps a last-used time', async () => {
    const member = await as(admin)
      .post('/v1/staff', { name: 'Casey', email: 'casey@clinic.example', role: 'coordinator' })
      .expect(201);
    const created = await as(admin)
      .post(`/v1/staff/${member.body.id}/api-keys`, { name: 'Casey laptop' })
      .expect(201);
    const key = created.body.key as string;
    expect(key).toMatch(new RegExp(`^ik_${created.body.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(created.body.lastUsedAt).toBeNull();

    const stored = await suite.pool.query('SELECT * FROM api_keys WHERE id = $1', [
      created.body.id,
    ]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(key.split('_').pop());
    const listed = await as(admin).get('/v1/api-keys').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const me = await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(200);
    expect(me.body).toMatchObject({
      staff: { id: member.body.id, name: 'Casey', role: 'coordinator' },
      credential: 'api_key',
    });
    const used = await as(admin).get(`/v1/api-keys?staffId=${member.body.id}`).expect(200);
    expect(Date.parse(used.body.items[0].lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);

    // A tampered secret with the right prefix is refused.
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    await http().get('/v1/me').set('Authorization', `Bearer ${tampered}`).expect(401);

    await as(admin).delete(`/v1/api-keys/${created.body.id}`).expect(200);
    await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(401);
  });

  it('a role change takes effect on the next request', async () => {
    const member = await staffWithKey(suite.api, 'coordinator');
    await as(member).get('/v1/access-log').expect(403);
    await as(admin).patch(`/v1/staff/${member.staffId}`, { role: 'admin' }).expect(200);
    await as(member).get('/v1/access-log').expect(200);
    await as(admin).patch(`/v1/staff/${member.staffId}`, { role: 'wizard' }).expect(400);
  });

  it('bootstraps the first admin from the CLI', async () => {
    const output = await runCli(suite.api, [
      'keys:create',
      '--role',
      'admin',
      '--name',
      'First Admin',
    ]);
    const key = /^(ik_\S+)$/m.exec(output)?.[1];
    expect(key).toBeDefined();
    const me = await http().get('/v1/me').set('Authorization', `Bearer ${key}`).expect(200);
    expect(me.body.staff).toMatchObject({ name: 'First Admin', role: 'admin' });
    await expect(
      runCli(suite.api, ['keys:create', '--role', 'boss', '--name', 'x']),
    ).rejects.toThrow(/--role must be one of/);
    const listed = await runCli(suite.api, ['keys:list']);
    expect(listed).not.toContain(key!);
  });
});
