import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { Clients, clientsOf } from './clients';
import { startApi, testPool } from './harness';

/** A describe block's api, its pool for looking at what was stored, and the clients. */
export interface ApiSuite extends Clients {
  /** Started before the block's tests: read it as `suite.api` inside them. */
  api: INestApplication;
  /** Likewise `suite.pool`. */
  pool: Pool;
}

/**
 * The api as production builds it, on the test database, for the describe block this is called
 * in: started before its tests and stopped after. An environment only known once earlier hooks
 * ran (a port, say) can be given as a function. Suites that need more (a worker, a team) add
 * their own hooks and fields to the same object.
 */
export function apiSuite(env: Record<string, string> | (() => Record<string, string>) = {}) {
  const suite = {} as ApiSuite;
  Object.assign(
    suite,
    clientsOf(() => suite),
  );

  beforeAll(async () => {
    suite.pool = testPool();
    suite.api = await startApi(typeof env === 'function' ? env() : env);
  });

  afterAll(async () => {
    await suite.api?.close();
    await suite.pool?.end();
  });

  return suite;
}
