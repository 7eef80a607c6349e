import { apiSuite } from './api-suite';
import { createForm, resetDatabase, StaffCredential, staffWithKey } from './harness';

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
  const suite = apiSuite();
  const team: TriageTeam = {
    admin: {} as StaffCredential,
    coordinator: {} as StaffCredential,
    otherCoordinator: {} as StaffCredential,
    viewer: {} as StaffCredential,
    service: {} as StaffCredential,
  };

  beforeEach(async () => {
    await resetDatabase(suite.pool);
    await createForm(suite.api);
    const member = (role: StaffCredential['role'], name: string) =>
      staffWithKey(suite.api, role, name);
    Object.assign(team.admin, await member('admin', 'Ada Admin'));
    Object.assign(team.coordinator, await member('coordinator', 'Cory Coordinator'));
    Object.assign(team.otherCoordinator, await member('coordinator', 'Olive Other'));
    Object.assign(team.viewer, await member('viewer', 'Vic Viewer'));
    Object.assign(team.service, await member('service', 'Analytics sync'));
  });

  return Object.assign(suite, { team });
}
