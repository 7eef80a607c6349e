import { INestApplicationContext } from '@nestjs/common';
import { LeadRouter } from '@intake/scheduling';
import { apiSuite } from './api-suite';
import { clockFor } from './clock';
import { createForm, resetDatabase, StaffCredential, staffWithKey, startWorker } from './harness';
import { openFollowUpOf, outboxOf, ownerOf } from './probes';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
export const ALWAYS = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};
export const NEVER = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
export const WEEKENDS = { ...NEVER, sat: ALL_DAY, sun: ALL_DAY };
// Wednesday 2 December 2026, 10:00 in New York: the clinic (default settings) is open.
export const WEDNESDAY_10AM = '2026-12-02T15:00:00Z';

/**
 * What the scheduling suites share: the api and a worker on the test database, emptied before
 * each test, then the consultation form (no minimum fill time), the clock stopped on Wednesday
 * 10:00 in New York, and Ada Admin. The worker routes only when a test says `route()`.
 * Call it inside a describe: it registers the hooks.
 */
export function schedulingSuite() {
  const suite = apiSuite();
  /** Ada Admin: one object, given the test's own credential before each test. */
  const admin = {} as StaffCredential;
  const { as } = suite;
  let worker: INestApplicationContext;
  const clock = clockFor(() => [suite.api, worker]);
  const scheduling = Object.assign(suite, clock, {
    admin,
    /** Started before the block's tests, like `api`: read it as `suite.worker`. */
    worker: undefined as unknown as INestApplicationContext,

    /** The router's round at the clock's time; how many leads it routed. */
    route: () => worker.get(LeadRouter).routeDue(clock.now()),

    /** A coordinator with an API key, and the schedule (hours, capacity…) Ada gives them. */
    async coordinator(name: string, schedule: object = {}): Promise<StaffCredential> {
      const member = await staffWithKey(suite.api, 'coordinator', name);
      if (Object.keys(schedule).length > 0) {
        const res = await as(admin).patch(`/v1/staff/${member.staffId}/schedule`, schedule);
        if (res.status !== 200) throw new Error(`schedule refused: ${JSON.stringify(res.body)}`);
      }
      return member;
    },

    /** Ada's new default pool of `members`, routing by `strategy`; its id. */
    async defaultPool(
      strategy: string,
      members: StaffCredential[],
      extra: object = {},
    ): Promise<string> {
      const res = await as(admin)
        .post('/v1/routing/pools', {
          name: `${strategy} pool ${Math.random()}`,
          strategy,
          isDefault: true,
          memberIds: members.map((m) => m.staffId),
          ...extra,
        })
        .expect(201);
      return res.body.id;
    },

    /** The lead's owner, as Ada reads it. */
    ownerOf: (leadId: string) => ownerOf(as(admin), leadId),
    /** The lead's open follow-up, as Ada reads it; null when none is open. */
    openFollowUp: (leadId: string) => openFollowUpOf(as(admin), leadId),
    /** The lead's events written so far (of one type, if given), oldest first. */
    outbox: (leadId: string, type?: string) => outboxOf(suite.pool, leadId, type),
    async outboxTypes(leadId: string): Promise<string[]> {
      return (await outboxOf(suite.pool, leadId)).map((e) => e.type);
    },
  });

  beforeAll(async () => {
    worker = scheduling.worker = (await startWorker()).context;
  });

  beforeEach(async () => {
    await resetDatabase(suite.pool);
    await createForm(suite.api, { minFillSeconds: 0 });
    clock.at(WEDNESDAY_10AM);
    Object.assign(admin, await staffWithKey(suite.api, 'admin', 'Ada Admin'));
  });

  afterAll(async () => {
    await worker?.close();
  });

  return scheduling;
}
