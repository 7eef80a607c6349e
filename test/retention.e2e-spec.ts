import { INestApplicationContext } from '@nestjs/common';
import { RetentionJob } from '@intake/leads';
import { clockFor } from './support/clock';
import { count, startWorker } from './support/harness';
import { triageSuite } from './support/triage-suite';

const DAY = 86_400_000;
const T0 = new Date('2015-01-05T10:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe('retention: the clinic’s periods applied in batches by the worker’s job', () => {
  const suite = triageSuite();
  const { as, submit } = suite;
  const { admin, coordinator } = suite.team;
  let worker: INestApplicationContext;
  const clock = clockFor(() => [suite.api, worker]);

  beforeAll(async () => {
    worker = (await startWorker({}, false)).context;
  });

  afterAll(async () => {
    await worker?.close();
  });

  const spam = () => suite.submission({ website: 'http://pills.example' });
  const run = () => worker.get(RetentionJob).runOnce();
  const rawFieldsOf = async (leadId: string) =>
    (
      await suite.pool.query(
        `SELECT count(*)::int AS n FROM submissions WHERE lead_id = $1 AND fields IS NOT NULL`,
        [leadId],
      )
    ).rows[0].n;

  it('has documented defaults, and admins (only) replace them, audited', async () => {
    const defaults = await as(admin).get('/v1/settings/retention').expect(200);
    expect(defaults.body).toEqual({
      spamDays: 30,
      rawFieldsDaysAfterClose: 90,
      closedLeadYears: 7,
      auditYears: 6,
    });
    await as(coordinator).get('/v1/settings/retention').expect(403);
    const bad = await as(admin)
      .put('/v1/settings/retention', { ...defaults.body, spamDays: 0 })
      .expect(400);
    expect(bad.body.error.fields[0].field).toBe('spamDays');
    const never = { ...defaults.body, closedLeadYears: null };
    await as(admin).put('/v1/settings/retention', never).expect(200);
    expect((await as(admin).get('/v1/settings/retention').expect(200)).body).toEqual(never);
    expect(await count(suite.pool, 'admin_audit', `action = 'retention_settings.updated'`)).toBe(1);
  });

  it('deletes old spam, nulls raw fields of leads closed long enough, de-identifies old closed leads and removes old logs through the guard, and records each run', async () => {
    clock.at(T0);
    const auditedBefore = await count(suite.pool, 'admin_audit');
    await as(admin)
      .put('/v1/settings/retention', {
        spamDays: 30,
        rawFieldsDaysAfterClose: 90,
        closedLeadYears: 7,
        auditYears: 6,
      })
      .expect(200); // an admin audit row at T0
    await spam();
    const closed = await submit();
    await as(admin).post(`/v1/leads/${closed}/transitions`, { to: 'lost' }).expect(200);
    const open = await submit();
    await as(admin).get(`/v1/leads/${closed}`).expect(200); // an access log row at T0
    clock.at(at(60));
    await spam();
    const closedLater = await submit();
    await as(admin).post(`/v1/leads/${closedLater}/transitions`, { to: 'lost' }).expect(200);
    const accessBefore = await count(suite.pool, 'access_log');

    // Day 100: spam of day 0 is past 30 days, of day 60 is too; of a later day it is not.
    clock.at(at(85));
    await spam();
    clock.at(at(100));
    const first = await run();
    expect(first.counts).toEqual({
      spamSubmissionsDeleted: 2,
      submissionsRawFieldsRemoved: 1,
      closedLeadsDeidentified: 0,
      accessLogDeleted: 0,
      adminAuditDeleted: 0,
    });
    expect(await count(suite.pool, 'submissions', `status = 'rejected'`)).toBe(1);
    // Closed 100 days ago: raw fields gone; closed 40 days ago, or open: kept.
    expect(await rawFieldsOf(closed)).toBe(0);
    expect(await rawFieldsOf(closedLater)).toBe(1);
    expect(await rawFieldsOf(open)).toBe(1);
    const recorded = await suite.pool.query(
      `SELECT started_at, finished_at, counts FROM retention_runs WHERE id = $1`,
      [first.runId],
    );
    expect(recorded.rows).toEqual([
      { started_at: at(100), finished_at: at(100), counts: first.counts },
    ]);

    // Seven years on: the closed leads are de-identified, the open one is not; the access log
    // and admin audit written before six years ago are removed.
    clock.at(new Date('2022-06-01T00:00:00Z'));
    const second = await run();
    expect(second.counts).toMatchObject({
      closedLeadsDeidentified: 2,
      accessLogDeleted: accessBefore,
      adminAuditDeleted: 1,
    });
    // The team's rows, written now, stay.
    expect(await count(suite.pool, 'admin_audit')).toBe(auditedBefore);
    const leads = await suite.pool.query(
      `SELECT id, erased_at IS NOT NULL AS erased, email FROM leads ORDER BY created_at`,
    );
    expect(leads.rows).toHaveLength(3);
    expect(leads.rows).toEqual(
      expect.arrayContaining([
        { id: closed, erased: true, email: null },
        { id: open, erased: false, email: expect.any(String) },
        { id: closedLater, erased: true, email: null },
      ]),
    );
    const events = await suite.pool.query(
      `SELECT subject, payload->>'cause' AS cause, payload->>'erasureId' AS "erasureId"
         FROM outbox WHERE type = 'intake.lead.erased.v1' ORDER BY subject`,
    );
    expect(events.rows).toEqual(
      [closed, closedLater]
        .sort()
        .map((subject) => ({ subject, cause: 'retention', erasureId: null })),
    );
    expect(await count(suite.pool, 'access_log', `occurred_at < '2016-06-01'`)).toBe(0);
    // The guard stays shut outside a run, and once the run has finished.
    await as(admin).get(`/v1/leads/${open}`).expect(200);
    await expect(suite.pool.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    const client = await suite.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL intake.privacy_operation = 'retention:${second.runId}'`);
      await expect(client.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await count(suite.pool, 'access_log')).toBe(1);
    // Nor can a finished run be reopened, or its record removed: it is the audit.
    await expect(
      suite.pool.query(`UPDATE retention_runs SET finished_at = NULL WHERE id = $1`, [
        second.runId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(suite.pool.query(`DELETE FROM retention_runs`)).rejects.toThrow(/append-only/);
  });

  it('never de-identifies when closedLeadYears is null', async () => {
    clock.at(T0);
    const closed = await submit();
    await as(admin).post(`/v1/leads/${closed}/transitions`, { to: 'lost' }).expect(200);
    await as(admin)
      .put('/v1/settings/retention', {
        spamDays: 30,
        rawFieldsDaysAfterClose: 90,
        closedLeadYears: null,
        auditYears: 6,
      })
      .expect(200);
    clock.at(new Date('2030-01-01T00:00:00Z'));
    const { counts } = await run();
    expect(counts.closedLeadsDeidentified).toBe(0);
    expect(await count(suite.pool, 'leads', 'erased_at IS NULL')).toBe(1);
  });
});
