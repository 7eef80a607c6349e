import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { clientsOf } from './clients';
import { startApi, testPool } from './harness';

/**
 * The api as production builds it, on the test database, for the describe block this is called
 * in: started before its tests and stopped after, with the clients to talk to it. The api and
 * the pool are there once the block's tests run (read them as `suite.api`, `suite.pool`). An
 * environment only known once earlier hooks ran (a port, say) can be given as a function.
 */
export function apiSuite(env: Record<string, string> | (() => Record<string, string>) = {}) {
  let api: INestApplication;
  let pool: Pool;

  beforeAll(async () => {
    pool = testPool();
    api = await startApi(typeof env === 'function' ? env() : env);
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  return Object.assign(
    {
      get api() {
        return api;
      },
      get pool() {
        return pool;
      },
    },
    clientsOf(() => ({ api, pool })),
  );
}
