import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import { Metrics } from '@intake/platform';
import { LeadRouter } from '@intake/scheduling';
import { clientsOf } from './support/clients';
import { EventStreamClient } from './support/event-stream';
import {
  createForm,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';
import { followUpsOf } from './support/probes';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY]),
);
/** What a person typed into the form: none of it may appear on any stream. */
const PERSON = {
  firstName: 'Philippa',
  lastName: 'Quennell',
  email: 'philippa.quennell@example.com',
  phone: '+14155559876',
  message: 'Looking into ketamine therapy for my depression.',
};

describe('live updates: queue streams fed by LISTEN/NOTIFY, on two api instances', () => {
  let pool: Pool;
  let apiA: INestApplication;
  let apiB: INestApplication;
  let worker: INestApplicationContext;
  let admin: StaffCredential;
  let cora: StaffCredential;
  let cole: StaffCredential;
  const streams: EventStreamClient[] = [];
  const { as, submission, submit } = clientsOf(() => ({ api: apiA, pool }));

  async function stream(who: StaffCredential | null, api: INestApplication = apiA) {
    const s = await EventStreamClient.open(api, who?.auth ?? null);
    streams.push(s);
    return s;
  }

  /** A stream that has said ready: listening, so it hears every change committed from now. */
  async function readyStream(who: StaffCredential, api: INestApplication = apiA) {
    const s = await stream(who, api);
    expect(s.status).toBe(200);
    await s.take((e) => e.event === 'ready', 5000, 'ready');
    // A change committed just before the stream opened may still be on its way to this
    // instance's listener: let it pass, so each test sees only what its own act caused.
    await s.settle(500);
    return s;
  }

  async function coordinator(name: string): Promise<StaffCredential> {
    const member = await staffWithKey(apiA, 'coordinator', name);
    await as(admin)
      .patch(`/v1/staff/${member.staffId}/schedule`, { workingHours: ALWAYS })
      .expect(200);
    return member;
  }

  /** A lead owned by `who`, with its first follow-up, assigned before any stream opens. */
  async function leadOwnedBy(who: StaffCredential): Promise<string> {
    const leadId = await submit();
    await as(admin).put(`/v1/leads/${leadId}/owner`, { staffId: who.staffId }).expect(200);
    return leadId;
  }

  async function version(leadId: string): Promise<number> {
    return (await as(admin).get(`/v1/leads/${leadId}`).expect(200)).body.version;
  }

  /** Waits so that anything wrongly sent would have arrived. */
  const quietPeriod = () => new Promise((r) => setTimeout(r, 1000));

  const openStreams = async (api: INestApplication) =>
    (await api.get(Metrics).registry.getSingleMetric('intake_live_streams_open')!.get()).values[0]!
      .value;

  beforeAll(async () => {
    pool = testPool();
    apiA = await startApi();
    apiB = await startApi();
    worker = (await startWorker()).context;
    await resetDatabase(pool);
    await createForm(apiA, { minFillSeconds: 0 });
    admin = await staffWithKey(apiA, 'admin');
    cora = await coordinator('Cora Live');
    cole = await coordinator('Cole Live');
    await as(admin)
      .post('/v1/routing/pools', {
        name: 'Only Cora',
        strategy: 'round_robin',
        isDefault: true,
        memberIds: [cora.staffId],
      })
      .expect(201);
  });

  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });

  afterAll(async () => {
    for (const s of streams.splice(0)) s.close();
    await worker?.close();
    await apiA?.close();
    await apiB?.close();
    await pool?.end();
  });

  it('opens with ready and a reconnect delay, unbuffered and uncached', async () => {
    const s = await stream(cora);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toBe('text/event-stream');
    expect(s.headers.get('x-accel-buffering')).toBe('no');
    expect(s.headers.get('cache-control')).toMatch(/no-cache/);
    const ready = await s.take((e) => e.event === 'ready', 5000, 'ready');
    expect(ready).toMatchObject({ data: '{}', retry: 2000 });
  });

  it('refuses a caller without credentials with the usual JSON error', async () => {
    const s = await stream(null);
    expect(s.status).toBe(401);
    expect(s.headers.get('content-type')).toMatch(/^application\/json/);
    await s.end();
    expect(JSON.parse(s.raw).error.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('tells a coordinator within 2 s that the router gave them a new lead, on the other instance too; not another coordinator', async () => {
    const coraOnB = await readyStream(cora, apiB);
    const coraOnA = await readyStream(cora, apiA);
    const coleOnA = await readyStream(cole, apiA);

    const leadId = await submit();
    // The form post itself: a new lead with no owner yet, which concerns nobody's queue.
    expect(await worker.get(LeadRouter).routeDue(new Date())).toBe(1);

    for (const s of [coraOnB, coraOnA]) {
      expect(await s.lead(leadId, 'assigned')).toEqual({
        leadId,
        ownerId: cora.staffId,
        previousOwnerId: null,
        version: await version(leadId),
        kind: 'assigned',
      });
      expect(await s.lead(leadId, 'follow_up_changed')).toMatchObject({
        leadId,
        ownerId: cora.staffId,
        previousOwnerId: null,
        kind: 'follow_up_changed',
      });
    }
    await quietPeriod();
    expect(coleOnA.untakenLeadEvents()).toEqual([]);
    expect(coraOnB.untakenLeadEvents()).toEqual([]);
  });

  it('tells the owner when a lead of theirs changes (a contact attempt) and their follow-up moves on', async () => {
    const leadId = await leadOwnedBy(cora);
    const coraStream = await readyStream(cora, apiB);
    const coleStream = await readyStream(cole, apiB);
    const before = await version(leadId);

    await as(cora)
      .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .set('If-Match', `"${before}"`)
      .expect(201);

    expect(await coraStream.lead(leadId, 'lead_changed')).toEqual({
      leadId,
      ownerId: cora.staffId,
      previousOwnerId: null,
      version: before + 1,
      kind: 'lead_changed',
    });
    // The attempt completes the open follow-up and schedules the next by the cadence: two rows,
    // one notification, as PostgreSQL folds a transaction's identical notifications into one.
    await coraStream.lead(leadId, 'follow_up_changed');
    const followUps = (await followUpsOf(as(cora), leadId)).reverse();
    expect(followUps.map(({ status, attempt }) => ({ status, attempt }))).toEqual([
      { status: 'completed', attempt: 1 },
      { status: 'open', attempt: 2 },
    ]);
    await quietPeriod();
    expect(coraStream.untakenLeadEvents()).toEqual([]);
    expect(coleStream.untakenLeadEvents()).toEqual([]);
  });

  it('tells the assignee when their follow-up is rescheduled', async () => {
    const leadId = await leadOwnedBy(cora);
    const coraStream = await readyStream(cora);
    const coleStream = await readyStream(cole);

    await as(cora)
      .post(`/v1/leads/${leadId}/follow-up/reschedule`, {
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        reason: 'patient_request',
      })
      .expect(200);

    expect(await coraStream.lead(leadId, 'follow_up_changed')).toEqual({
      leadId,
      ownerId: cora.staffId,
      previousOwnerId: null,
      version: await version(leadId),
      kind: 'follow_up_changed',
    });
    await quietPeriod();
    expect(coraStream.untakenLeadEvents()).toEqual([]);
    expect(coleStream.untakenLeadEvents()).toEqual([]);
  });

  it('tells both the new and the previous owner about a reassignment', async () => {
    const leadId = await leadOwnedBy(cora);
    const coraStream = await readyStream(cora, apiA);
    const coleStream = await readyStream(cole, apiB);

    await as(admin).put(`/v1/leads/${leadId}/owner`, { staffId: cole.staffId }).expect(200);

    const expected = {
      leadId,
      ownerId: cole.staffId,
      previousOwnerId: cora.staffId,
      version: await version(leadId),
      kind: 'assigned',
    };
    expect(await coraStream.lead(leadId, 'assigned')).toEqual(expected);
    expect(await coleStream.lead(leadId, 'assigned')).toEqual(expected);
    // The open follow-up goes with the lead, into Cole's queue and out of Cora's.
    expect(await coleStream.lead(leadId, 'follow_up_changed')).toMatchObject({
      ownerId: cole.staffId,
      previousOwnerId: cora.staffId,
    });
    await coraStream.lead(leadId, 'follow_up_changed');
  });

  it('sends nothing for a refused write (412) and nothing for a rolled-back one', async () => {
    const coraStream = await readyStream(cora);
    const leadId = await leadOwnedBy(cora);
    // The assignment's own events first: on a busy machine they may still be on their way.
    await coraStream.lead(leadId, 'assigned', 5000);
    await coraStream.settle();
    const stale = (await version(leadId)) - 1;

    await as(cora)
      .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .set('If-Match', `"${stale}"`)
      .expect(412);

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE leads SET version = version + 1 WHERE id = $1', [leadId]);
      await client.query(
        `UPDATE follow_ups SET due_at = due_at + interval '1 hour' WHERE lead_id = $1`,
        [leadId],
      );
      await quietPeriod(); // not committed yet: nothing may arrive
      expect(coraStream.untakenLeadEvents()).toEqual([]);
      await client.query('ROLLBACK');
      await quietPeriod();
      expect(coraStream.untakenLeadEvents()).toEqual([]);

      // The same write committed is announced, once it commits.
      await client.query('BEGIN');
      await client.query('UPDATE leads SET version = version + 1 WHERE id = $1', [leadId]);
      await quietPeriod();
      expect(coraStream.untakenLeadEvents()).toEqual([]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await coraStream.lead(leadId, 'lead_changed')).toMatchObject({
      version: await version(leadId),
    });
  });

  it('skips updates that change nothing a queue shows', async () => {
    const coraStream = await readyStream(cora);
    const leadId = await leadOwnedBy(cora);
    await coraStream.lead(leadId, 'assigned', 5000);
    await coraStream.settle();
    await pool.query('UPDATE leads SET updated_at = now() WHERE id = $1', [leadId]);
    await pool.query(
      `UPDATE follow_ups SET due_notified_at = now(), overdue_at = now() WHERE lead_id = $1`,
      [leadId],
    );
    await quietPeriod();
    expect(coraStream.untakenLeadEvents()).toEqual([]);
  });

  it('ends the streams when the listener loses its connection, and serves again once it is back', async () => {
    const leadId = await leadOwnedBy(cora);
    const onA = await readyStream(cora, apiA);
    const onB = await readyStream(cora, apiB);
    const killed = await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'intake-api-live' AND datname = current_database()`,
    );
    expect(killed.rowCount).toBe(2);
    // Changes made while it was away are lost: the client reconnects and refetches on ready.
    await onA.end();
    await onB.end();

    const again = await readyStream(cora, apiA);
    await waitUntil(
      async () =>
        (
          await pool.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE application_name = 'intake-api-live' AND datname = current_database()`,
          )
        ).rows[0].n === 2,
      10_000,
      'both listeners back',
    );
    const onBAgain = await readyStream(cora, apiB);
    await as(cora)
      .post(`/v1/leads/${leadId}/follow-up/reschedule`, {
        dueAt: new Date(Date.now() + 7_200_000).toISOString(),
        reason: 'patient_request',
      })
      .expect(200);
    await again.lead(leadId, 'follow_up_changed');
    await onBAgain.lead(leadId, 'follow_up_changed');
  });

  it('lets a viewer and a service account listen, to nothing', async () => {
    const viewer = await staffWithKey(apiA, 'viewer');
    const service = await staffWithKey(apiA, 'service');
    const viewerStream = await readyStream(viewer);
    const serviceStream = await readyStream(service);
    const leadId = await leadOwnedBy(cora);
    await as(admin).put(`/v1/leads/${leadId}/owner`, { staffId: cole.staffId }).expect(200);
    await quietPeriod();
    expect(viewerStream.untakenLeadEvents()).toEqual([]);
    expect(serviceStream.untakenLeadEvents()).toEqual([]);
  });

  it('counts open streams, and lets go of a stream whose client left', async () => {
    const before = await openStreams(apiB);
    const s = await readyStream(cora, apiB);
    expect(await openStreams(apiB)).toBe(before + 1);
    s.close();
    await waitUntil(async () => (await openStreams(apiB)) === before, 5000, 'the stream let go');
  });

  it('outlives the server’s request timeout, with a heartbeat', async () => {
    const api = await startApi({
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      LIVE_HEARTBEAT_MS: '1000',
    });
    try {
      const leadId = await leadOwnedBy(cora);
      const s = await readyStream(cora, api);
      await new Promise((r) => setTimeout(r, 3500));
      expect(s.ended).toBe(false);
      expect(s.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2);
      await as(cora)
        .post(`/v1/leads/${leadId}/follow-up/reschedule`, {
          dueAt: new Date(Date.now() + 3_600_000).toISOString(),
          reason: 'patient_request',
        })
        .expect(200);
      await s.lead(leadId, 'follow_up_changed');
      s.close();
    } finally {
      await api.close();
    }
  });

  it('never carries a name, contact detail or message', async () => {
    const s = await readyStream(cora);
    const leadId = await submit(PERSON);
    await worker.get(LeadRouter).routeDue(new Date());
    await s.lead(leadId, 'assigned');
    // A resubmission by the same person changes the lead.
    await submission(PERSON);
    await s.lead(leadId, 'lead_changed');
    for (const value of Object.values(PERSON)) {
      expect(s.raw).not.toContain(value);
    }
    expect(s.raw).not.toMatch(/@|\+1415|Philippa|Quennell|ketamine/i);
    for (const e of s.events.filter((x) => x.event === 'lead')) {
      expect(Object.keys(JSON.parse(e.data)).sort()).toEqual(
        ['kind', 'leadId', 'ownerId', 'previousOwnerId', 'version'].sort(),
      );
    }
  });
});
