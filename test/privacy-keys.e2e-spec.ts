import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { runCli } from '../apps/cli/src/cli';
import { CliModule, loadCliConfig } from '../apps/cli/src/cli.module';
import { clientsOf } from './support/clients';
import {
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  testPool,
} from './support/harness';
import { testEnv } from './support/test-config';

/**
 * Key rotation: data keys wrapped under k1 are re-wrapped under k2 by `privacy:rewrap`, after
 * which k1 can leave the configuration and everything still reads.
 */
describe('rotating the key-encryption key', () => {
  const k1 = `k1:${randomBytes(32).toString('base64')}`;
  const k2 = `k2:${randomBytes(32).toString('base64')}`;
  const underK1 = { PRIVACY_KEYS: k1, PRIVACY_ACTIVE_KEY_ID: 'k1' };
  const rotated = { PRIVACY_KEYS: `${k1},${k2}`, PRIVACY_ACTIVE_KEY_ID: 'k2' };
  const k2Only = { PRIVACY_KEYS: k2, PRIVACY_ACTIVE_KEY_ID: 'k2' };
  let pool: Pool;
  let api: INestApplication | undefined;
  let coordinator: StaffCredential;

  const suite = () => ({ api: api!, pool });
  const { as, submit } = clientsOf(suite);

  async function restartApi(env: Record<string, string>): Promise<void> {
    await api?.close();
    api = await startApi(env);
  }

  async function rewrap(): Promise<string> {
    const cli = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadCliConfig(testEnv(rotated))),
      { logger: false },
    );
    try {
      return await runCli(cli, ['privacy:rewrap', '--batch', '2']);
    } finally {
      await cli.close();
    }
  }

  beforeAll(async () => {
    pool = testPool();
    await resetDatabase(pool);
    await restartApi(underK1);
    await createForm(api!);
    coordinator = await staffWithKey(api!, 'coordinator', 'Cory Coordinator');
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  it('re-wraps every data key under the new key; the old key can then be removed', async () => {
    const ids = [
      await submit({ firstName: 'Rotatia' }),
      await submit({ firstName: 'Rotatio' }),
      await submit({ firstName: 'Rotatiu' }),
    ];
    const wrapped = await keyIds();
    expect(wrapped).toEqual(ids.map(() => 'k1'));

    // Without k1 the keys under it cannot be unwrapped: the lead page fails.
    await restartApi(k2Only);
    await as(coordinator).get(`/v1/leads/${ids[0]}`).expect(500);

    // New writes use the active key as soon as it is configured.
    await restartApi(rotated);
    const later = await submit({ firstName: 'Rotatiz' });
    expect(await keyIdOf(later)).toBe('k2');

    expect(await rewrap()).toBe(['rewrapped 3 data keys under k2', 'k2: 4 data keys'].join('\n'));
    expect(await rewrap()).toBe(['rewrapped 0 data keys under k2', 'k2: 4 data keys'].join('\n'));
    const stamped = await pool.query(
      'SELECT count(*)::int AS n FROM data_keys WHERE rewrapped_at IS NOT NULL',
    );
    expect(stamped.rows[0].n).toBe(3);

    await restartApi(k2Only);
    const names = [];
    for (const id of [...ids, later]) {
      names.push((await as(coordinator).get(`/v1/leads/${id}`).expect(200)).body.firstName);
    }
    expect(names).toEqual(['Rotatia', 'Rotatio', 'Rotatiu', 'Rotatiz']);
  });

  async function keyIds(): Promise<string[]> {
    return (await pool.query('SELECT key_id FROM data_keys ORDER BY id')).rows.map((r) => r.key_id);
  }

  async function keyIdOf(id: string): Promise<string> {
    return (await pool.query('SELECT key_id FROM data_keys WHERE id = $1', [id])).rows[0].key_id;
  }
});
