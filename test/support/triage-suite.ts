import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { clientsOf } from './clients';
import {
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  testPool,
} from './harness';

/** Everyone a triage test may act as; the same objects in every test, given fresh keys. */
export interface TriageTeam {
  admin: StaffCredential;
  /** Cory Coordinator. */
  coordinator: StaffCredential;
  /** Olive Other, a coordinator too. */
  otherCoordinator: StaffCredential;
  /** Vic Viewer. */
  viewer: StaffCredential;
  /** An integration's service account. */
  service: StaffCredential;
}

/**
 * What the triage suites share: the api on the test database, emptied before each test, then the
 * consultation form and the team. Call it inside a describe: it registers the hooks.
 */
export function triageSuite() {
  let api: INestApplication;
  let pool: Pool;
  const team: TriageTeam = {
    admin: {} as StaffCredential,
    coordinator: {} as StaffCredential,
    otherCoordinator: {} as StaffCredential,
    viewer: {} as StaffCredential,
    service: {} as StaffCredential,
  };

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api);
    Object.assign(team.admin, await staffWithKey(api, 'admin', 'Ada Admin'));
    Object.assign(team.coordinator, await staffWithKey(api, 'coordinator', 'Cory Coordinator'));
    Object.assign(team.otherCoordinator, await staffWithKey(api, 'coordinator', 'Olive Other'));
    Object.assign(team.viewer, await staffWithKey(api, 'viewer', 'Vic Viewer'));
    Object.assign(team.service, await staffWithKey(api, 'service', 'Analytics sync'));
  });

  afterAll(async () => {
    await api?.close();
    await pool?.end();
  });

  return {
    ...clientsOf(() => ({ api, pool })),
    team,
    get api() {
      return api;
    },
    get pool() {
      return pool;
    },
  };
}
