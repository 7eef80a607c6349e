import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Pool } from 'pg';
import { CrisisEscalation } from '@intake/notifications';
import { clientsOf } from './support/clients';
import { clockFor, minutesAfter, setClock } from './support/clock';
import { schemaErrors } from './support/event-schema-validator';
import {
  createForm,
  leadOf,
  resetDatabase,
  StaffCredential,
  staffWithKey,
  startApi,
  startWorker,
  testPool,
  waitUntil,
} from './support/harness';
import { reactToOutbox } from './support/notifications';
import { adminAudit, historyOf, outboxOf } from './support/probes';

// Saturday 5 December 2026, 03:00 in New York: a weekend night.
const SATURDAY_3AM = new Date('2026-12-05T08:00:00Z');
const later = (minutes: number) => minutesAfter(SATURDAY_3AM, minutes);
const PERSON = {
  firstName: 'Quinta',
  lastName: 'Crisistest',
  email: 'quinta.crisistest@example.com',
  phone: '+14155550142',
  state: 'NV',
  interest: 'ptsd',
  message: 'Lately I keep thinking I would be better off dead.',
};

describe('crisis safety loop: on call paged, escalation, acknowledgement (real Postgres)', () => {
  let pool: Pool;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let admin: StaffCredential;
  let weekday: StaffCredential;
  let weekendNights: StaffCredential;
  let backup: StaffCredential;
  let lastResort: StaffCredential;
  const { as, submission, submit } = clientsOf(() => ({ api, pool }));
  const { at } = clockFor(() => [api, worker]);

  const escalate = () => worker.get(CrisisEscalation).escalateDue();

  async function alerts(leadId: string) {
    const { rows } = await pool.query(
      `SELECT staff_id, kind, urgency, dedupe_key, title, link FROM alerts
        WHERE lead_id = $1 ORDER BY created_at, dedupe_key`,
      [leadId],
    );
    return rows;
  }

  async function crisisEvents(leadId: string) {
    return (await outboxOf(pool, leadId)).filter((e) => e.type.startsWith('intake.crisis.'));
  }

  /** The person's crisis request, and its events handled by the worker. */
  async function submitCrisis(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await submission({ ...PERSON, ...overrides });
    expect(res.body.showCrisisResources).toBe(true);
    const leadId = await leadOf(pool, res);
    await reactToOutbox(pool, worker, { leadId });
    return leadId;
  }

  beforeAll(async () => {
    pool = testPool();
    api = await startApi();
    ({ context: worker } = await startWorker());
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(api);
    at(SATURDAY_3AM);
    admin = await staffWithKey(api, 'admin');
    weekday = await staffWithKey(api, 'coordinator');
    weekendNights = await staffWithKey(api, 'coordinator');
    backup = await staffWithKey(api, 'coordinator');
    lastResort = await staffWithKey(api, 'admin');
    const res = await as(admin).put('/v1/crisis/on-call', {
      timeZone: 'America/New_York',
      ackTimeoutMinutes: 5,
      shifts: [
        {
          staffId: weekday.staffId,
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '08:00',
          end: '20:00',
        },
        {
          staffId: weekendNights.staffId,
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '20:00',
          end: '08:00',
        },
        { staffId: weekendNights.staffId, days: ['sat', 'sun'], start: '08:00', end: '08:00' },
      ],
      escalation: [backup.staffId, lastResort.staffId],
    });
    expect(res.status).toBe(200);
  });

  describe('the on-call settings (admin API)', () => {
    it('answers the rotation with who is on call now and no gaps, and audits the change', async () => {
      const res = await as(weekday).get('/v1/crisis/on-call').expect(200);
      expect(res.body).toMatchObject({
        timeZone: 'America/New_York',
        ackTimeoutMinutes: 5,
        escalation: [backup.staffId, lastResort.staffId],
        onCallNow: weekendNights.staffId,
        gaps: [],
      });
      expect(await adminAudit(as(admin), { targetType: 'crisis_on_call' })).toEqual([
        expect.objectContaining({
          action: 'crisis_on_call.updated',
          actor: expect.objectContaining({ staffId: admin.staffId }),
          targetType: 'crisis_on_call',
        }),
      ]);
    });

    it('refuses bad settings with every field error and keeps the old ones; only admins may change them', async () => {
      const res = await as(admin)
        .put('/v1/crisis/on-call', {
          timeZone: 'Mars/Olympus',
          ackTimeoutMinutes: 5,
          shifts: [{ staffId: admin.staffId, days: ['sat'], start: '8am', end: '09:00' }],
          escalation: ['00000000-0000-4000-8000-0000000000ff'],
        })
        .expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['shifts.0.start']),
      );
      const unknown = await as(admin)
        .put('/v1/crisis/on-call', {
          timeZone: 'Mars/Olympus',
          ackTimeoutMinutes: 5,
          shifts: [],
          escalation: ['00000000-0000-4000-8000-0000000000ff'],
        })
        .expect(400);
      expect(unknown.body.error.code).toBe('CRISIS.ON_CALL_INVALID');
      expect(unknown.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
        'timeZone',
      ]);
      await as(weekday)
        .put('/v1/crisis/on-call', {
          timeZone: 'UTC',
          ackTimeoutMinutes: 1,
          shifts: [],
          escalation: [],
        })
        .expect(403);
      const now = await as(admin).get('/v1/crisis/on-call').expect(200);
      expect(now.body.onCallNow).toBe(weekendNights.staffId);
    });
  });

  it('a crisis request at 3 am on a Saturday pages the person on call, with a link and nothing personal', async () => {
    const leadId = await submitCrisis();
    const [page] = (await as(weekendNights).get(`/v1/crisis/pages?leadId=${leadId}`).expect(200))
      .body.items;
    expect(page).toMatchObject({ status: 'open', step: 0, pagedStaffId: weekendNights.staffId });

    expect(await alerts(leadId)).toEqual([
      {
        staff_id: weekendNights.staffId,
        kind: 'crisis_page',
        urgency: 'page',
        dedupe_key: `crisis:${page.id}:0`,
        title: expect.stringContaining('Crisis page'),
        link: `/console/leads/${leadId}?ack=${page.id}`,
      },
    ]);

    const events = await crisisEvents(leadId);
    expect(events.map((e) => e.type)).toEqual(['intake.crisis.paged.v1']);
    expect(events[0].payload).toMatchObject({
      leadId,
      pageId: page.id,
      step: 0,
      pagedStaffId: weekendNights.staffId,
      pagedAt: SATURDAY_3AM.toISOString(),
      escalateAt: later(5).toISOString(),
    });
    expect(schemaErrors('intake.crisis.paged.v1', { ...events[0].payload, sequence: 1 })).toEqual(
      [],
    );

    // Nothing the person wrote or is reaches an alert or a crisis event.
    const left = JSON.stringify([await alerts(leadId), events]).toLowerCase();
    for (const value of Object.values(PERSON)) {
      expect(left).not.toContain(value.toLowerCase());
    }
    expect(left).not.toContain('better off dead');
  });

  it('with no acknowledgement the page escalates down the list; an acknowledgement stops it', async () => {
    const leadId = await submitCrisis();

    at(later(4));
    expect(await escalate()).toBe(0);

    at(later(5));
    expect(await escalate()).toBe(1);
    expect(await escalate()).toBe(0);
    expect((await alerts(leadId)).map((a) => [a.staff_id, a.urgency])).toEqual([
      [weekendNights.staffId, 'page'],
      [backup.staffId, 'page'],
    ]);

    at(later(7));
    const [page] = (await as(backup).get(`/v1/crisis/pages?leadId=${leadId}`).expect(200)).body
      .items;
    const ack = await as(backup).post(`/v1/crisis/pages/${page.id}/acknowledge`).expect(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      step: 1,
      acknowledgedBy: backup.staffId,
      acknowledgedAt: later(7).toISOString(),
    });
    // A second tap changes nothing.
    const again = await as(weekendNights)
      .post(`/v1/crisis/pages/${page.id}/acknowledge`)
      .expect(200);
    expect(again.body.acknowledgedBy).toBe(backup.staffId);

    at(later(60));
    expect(await escalate()).toBe(0);
    expect(await alerts(leadId)).toHaveLength(2);

    const events = await crisisEvents(leadId);
    expect(events.map((e) => e.type)).toEqual([
      'intake.crisis.paged.v1',
      'intake.crisis.escalated.v1',
      'intake.crisis.acknowledged.v1',
    ]);
    expect(events[1].payload).toMatchObject({
      step: 1,
      fromStaffId: weekendNights.staffId,
      toStaffId: backup.staffId,
      escalatedAt: later(5).toISOString(),
    });
    expect(events[2].payload).toMatchObject({
      pageId: page.id,
      acknowledgedBy: backup.staffId,
      secondsToAcknowledge: 7 * 60,
    });
    for (const [i, event] of events.entries()) {
      expect(schemaErrors(event.type as never, { ...event.payload, sequence: i + 1 })).toEqual([]);
    }
  });

  it("records the 24/7 crisis clock on the lead's history: to acknowledgement and to first contact", async () => {
    const leadId = await submitCrisis();
    at(later(7));
    const [page] = (await as(backup).get(`/v1/crisis/pages?leadId=${leadId}`).expect(200)).body
      .items;
    await as(backup).post(`/v1/crisis/pages/${page.id}/acknowledge`).expect(200);
    at(later(9));
    await as(backup)
      .post(`/v1/leads/${leadId}/contact-attempts`, { channel: 'phone', outcome: 'reached' })
      .expect(201);
    await reactToOutbox(pool, worker, { leadId });

    // On the lead's history, as staff read it.
    const history = (await historyOf(as(backup), leadId)).filter((h) =>
      h.action.startsWith('crisis'),
    );
    expect(history).toEqual([
      expect.objectContaining({
        action: 'crisis_acknowledged',
        actor: expect.objectContaining({ id: backup.staffId }),
        changes: {
          crisisPageId: { from: null, to: page.id },
          secondsToAcknowledge: { from: null, to: 7 * 60 },
        },
        occurredAt: later(7).toISOString(),
      }),
      expect.objectContaining({
        action: 'crisis_first_contact',
        actor: expect.objectContaining({ id: backup.staffId }),
        changes: {
          crisisPageId: { from: null, to: page.id },
          secondsToFirstContact: { from: null, to: 9 * 60 },
        },
        occurredAt: later(9).toISOString(),
      }),
    ]);
  });

  it("escalates by itself on the worker's crisis clock", async () => {
    const leadId = await submitCrisis();
    // A second worker whose clock runs (the suite's own is driven by hand).
    const { context: ticking } = await startWorker(
      { CRISIS_ESCALATION_INTERVAL_MS: '200' },
      false,
      true,
    );
    try {
      setClock(ticking, later(6));
      await waitUntil(
        async () => (await alerts(leadId)).some((a) => a.staff_id === backup.staffId),
        10_000,
        'the escalation to the backup',
      );
    } finally {
      await ticking.close();
    }
    expect((await crisisEvents(leadId)).map((e) => e.type)).toEqual([
      'intake.crisis.paged.v1',
      'intake.crisis.escalated.v1',
    ]);
  });

  it('goes on to the last of the list and round again while nobody answers', async () => {
    const leadId = await submitCrisis();
    for (const minute of [5, 10, 15]) {
      at(later(minute));
      await escalate();
    }
    expect((await alerts(leadId)).map((a) => a.staff_id)).toEqual([
      weekendNights.staffId,
      backup.staffId,
      lastResort.staffId,
      weekendNights.staffId,
    ]);
  });

  it('pages every admin when nobody is on call or on the list', async () => {
    await as(admin)
      .put('/v1/crisis/on-call', {
        timeZone: 'America/New_York',
        ackTimeoutMinutes: 5,
        shifts: [],
        escalation: [],
      })
      .expect(200);
    const leadId = await submitCrisis();
    expect((await alerts(leadId)).map((a) => a.staff_id).sort()).toEqual(
      [admin.staffId, lastResort.staffId].sort(),
    );
  });

  it('pages once per lead: a redelivered event, or another crisis request while the page is open', async () => {
    const leadId = await submitCrisis();
    // The submission again (a redelivery), then the page's own event, which pages nobody.
    expect(await reactToOutbox(pool, worker, { leadId })).toEqual(['duplicate', 'handled']);
    expect(await submitCrisis({ message: 'I want to die, please call' })).toBe(leadId);
    expect(await alerts(leadId)).toHaveLength(1);
    expect(await count(`lead_id = '${leadId}'`)).toBe(1);
  });

  it('does not page for a request without crisis language', async () => {
    const leadId = await submit();
    await reactToOutbox(pool, worker, { leadId });
    expect(await alerts(leadId)).toEqual([]);
    expect(await crisisEvents(leadId)).toEqual([]);
  });

  it('pages when a later request from a known person brings crisis language', async () => {
    const leadId = await submit({ ...PERSON, message: 'Just asking about prices.' });
    await reactToOutbox(pool, worker, { leadId });
    expect(await alerts(leadId)).toEqual([]);

    await submitCrisis();
    expect((await alerts(leadId)).map((a) => a.staff_id)).toEqual([weekendNights.staffId]);
  });

  async function count(where: string): Promise<number> {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM crisis_pages WHERE ${where}`);
    return rows[0].n;
  }
});
