import type { INestApplicationContext } from '@nestjs/common';
import { resumeClock, setClock } from './support/clock';
import { schemaErrors } from './support/event-schema-validator';
import { CLINIC_ORIGIN, consultation, count, leadOf, startWorker } from './support/harness';
import { TopicReader } from './support/kafka-reader';
import { adminAudit, historyOf } from './support/probes';
import { uniqueTopic } from './support/test-config';
import { triageSuite } from './support/triage-suite';
import { IMPORT_CONSENT_FLAGS } from '../libs/leads/src/infrastructure/migrations/1797300000000-ConsentLedger';

const ENDPOINT = '/v1/forms/consultation/submissions';
// 22:30 in California (the default test person's state), 00:30 in Chicago, 01:30 in New York.
const LATE_IN_CALIFORNIA = '2026-12-07T06:30:00Z';
// 12:00 in California, 15:00 in New York.
const NOON_IN_CALIFORNIA = '2026-12-07T20:00:00Z';

interface ConsentSeen {
  id: string;
  kind: string;
  action: string;
  wordingVersion: number | null;
  source: string;
  pageOrigin: string | null;
  pagePath: string | null;
  submissionId: string | null;
  recordedBy: { id: string; name: string | null } | null;
  recordedAt: string;
}

describe('the consent ledger over HTTP, against the real Postgres and Kafka', () => {
  const suite = triageSuite();
  const { as, http } = suite;
  const { admin, coordinator, otherCoordinator, viewer } = suite.team;

  afterEach(() => resumeClock(suite.api));

  /** A website's post, from the clinic's page, with a query that holds personal data. */
  function postFromPage(fields: Record<string, unknown>) {
    return http()
      .post(ENDPOINT)
      .set('Origin', CLINIC_ORIGIN)
      .set('Referer', `${CLINIC_ORIGIN}/ketamine/consult?email=ann.page%40example.com#form`)
      .send(consultation(fields))
      .expect(201);
  }

  async function submitFromPage(fields: Record<string, unknown> = {}): Promise<string> {
    return leadOf(suite.pool, await postFromPage(fields));
  }

  async function consentsOf(leadId: string) {
    const res = await as(coordinator).get(`/v1/leads/${leadId}/consents`).expect(200);
    return res.body as { current: Record<string, ConsentSeen | null>; records: ConsentSeen[] };
  }

  const attempt = (leadId: string, channel: string, outcome = 'no_answer') =>
    as(coordinator).post(`/v1/leads/${leadId}/contact-attempts`, { channel, outcome });

  describe('grants from the form', () => {
    it('records each ticked box with the wording version shown, the page origin and path without its query, and the IP hash', async () => {
      await as(admin)
        .put('/v1/forms/consultation/consent-wordings/contact', { text: 'You may contact me.' })
        .expect(201);
      const v2 = await as(admin)
        .put('/v1/forms/consultation/consent-wordings/contact', {
          text: 'You may call, text or email me about my request.',
        })
        .expect(201);
      expect(v2.body).toMatchObject({ kind: 'contact', version: 2, createdBy: admin.staffId });
      await as(admin)
        .put('/v1/forms/consultation/consent-wordings/sms', { text: 'You may text me.' })
        .expect(201);

      const id = await submitFromPage({ smsConsent: true, emailMarketingConsent: 'on' });
      const { current, records } = await consentsOf(id);
      expect(records).toHaveLength(3);
      expect(current.contact).toMatchObject({ action: 'granted', wordingVersion: 2 });
      expect(current.sms).toMatchObject({ action: 'granted', wordingVersion: 1 });
      // No wording was published for marketing email: the grant names none.
      expect(current.email_marketing).toMatchObject({ action: 'granted', wordingVersion: null });
      for (const record of records) {
        expect(record).toMatchObject({
          source: 'form',
          pageOrigin: CLINIC_ORIGIN,
          pagePath: '/ketamine/consult',
          recordedBy: null,
        });
        expect(record.submissionId).toEqual(expect.any(String));
      }
      const rows = await suite.pool.query(
        `SELECT ip_hash, consent_records::text AS row FROM consent_records WHERE lead_id = $1`,
        [id],
      );
      for (const row of rows.rows) {
        expect(row.ip_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.row).not.toContain('ann.page');
        expect(row.row).not.toContain('127.0.0.1');
      }
      const listed = await suite.pool.query(
        `SELECT actor_id FROM access_log WHERE action = 'lead.consents_listed' AND $1 = ANY(lead_ids)`,
        [id],
      );
      expect(listed.rows).toEqual([{ actor_id: coordinator.staffId }]);
      const audit = await adminAudit(as(admin), { action: 'consent_wording.published' });
      expect(audit.map((a) => a.targetId)).toEqual(
        expect.arrayContaining(['consultation/contact', 'consultation/sms']),
      );

      const wordings = await as(admin).get('/v1/forms/consultation/consent-wordings').expect(200);
      expect(
        wordings.body.items.map((w: { kind: string; version: number }) => [w.kind, w.version]),
      ).toEqual([
        ['contact', 2],
        ['contact', 1],
        ['sms', 1],
      ]);
    });

    it('records a box ticked again on a later request as a new grant; one left empty withdraws nothing', async () => {
      const email = `again.${Date.now()}@example.com`;
      const id = await submitFromPage({ email, smsConsent: true });
      const again = await submitFromPage({ email, smsConsent: false });
      expect(again).toBe(id);
      const { current, records } = await consentsOf(id);
      expect(records.map((r) => [r.kind, r.action])).toEqual(
        expect.arrayContaining([
          ['contact', 'granted'],
          ['contact', 'granted'],
          ['sms', 'granted'],
        ]),
      );
      expect(records).toHaveLength(3);
      expect(current.sms?.action).toBe('granted');
      // Newest first.
      expect(records[0].recordedAt >= records[records.length - 1].recordedAt).toBe(true);
    });

    it('refuses to publish wording for an unknown form or kind, or without text', async () => {
      await as(admin)
        .put('/v1/forms/nope/consent-wordings/sms', { text: 'x' })
        .expect(404)
        .expect((res) => expect(res.body.error.code).toBe('FORM.NOT_FOUND'));
      const badKind = await as(admin)
        .put('/v1/forms/consultation/consent-wordings/fax', { text: 'x' })
        .expect(400);
      expect(badKind.body.error.fields).toEqual([
        { field: 'kind', message: 'kind must be one of contact, sms, email_marketing' },
      ]);
      const empty = await as(admin)
        .put('/v1/forms/consultation/consent-wordings/sms', { text: '   ' })
        .expect(400);
      expect(empty.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['text']);
      await as(coordinator)
        .put('/v1/forms/consultation/consent-wordings/sms', { text: 'x' })
        .expect(403);
      expect(await count(suite.pool, 'consent_wordings')).toBe(0);
    });
  });

  describe('withdrawal and grant by staff', () => {
    it('records a STOP reply: the ledger gains a row, the lead stops showing texts allowed, history says who', async () => {
      const id = await submitFromPage({ smsConsent: true });
      const before = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(before.body.smsConsent).toBe(true);

      const res = await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'sms', action: 'withdrawn', source: 'sms_reply' })
        .expect(201);
      expect(res.headers.etag).toBe(`"${before.body.version + 1}"`);
      expect(res.body.current.sms).toMatchObject({
        action: 'withdrawn',
        source: 'sms_reply',
        wordingVersion: null,
        pageOrigin: null,
        recordedBy: { id: coordinator.staffId, name: 'Cory Coordinator' },
      });
      expect(res.body.records[0].id).toBe(res.body.current.sms.id);
      expect(res.body.current.contact.action).toBe('granted');

      const after = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(after.body).toMatchObject({ smsConsent: false, contactConsent: true });
      const history = await historyOf(as(coordinator), id);
      expect(history.at(-1)).toMatchObject({
        action: 'consent_recorded',
        actor: { id: coordinator.staffId },
      });
      // The ledger is append-only, even for the database's own user.
      await expect(
        suite.pool.query(`UPDATE consent_records SET action = 'granted' WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        suite.pool.query(`DELETE FROM consent_records WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
    });

    it('answers bad input with field errors and writes nothing; only staff who may work the lead record', async () => {
      const id = await submitFromPage();
      const rows = await count(suite.pool, 'consent_records');
      const bad = await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'fax', action: 'paused', source: 'form' })
        .expect(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'action',
        'kind',
        'source',
      ]);
      await as(viewer)
        .post(`/v1/leads/${id}/consents`, { kind: 'sms', action: 'withdrawn', source: 'phone' })
        .expect(403);
      await as(admin)
        .put(`/v1/leads/${id}/owner`, { staffId: otherCoordinator.staffId })
        .expect(200);
      await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'sms', action: 'withdrawn', source: 'phone' })
        .expect(403);
      await as(coordinator)
        .post('/v1/leads/0193f0a0-0000-7000-8000-000000000000/consents', {
          kind: 'sms',
          action: 'withdrawn',
          source: 'phone',
        })
        .expect(404);
      expect(await count(suite.pool, 'consent_records')).toBe(rows);
      await as(viewer).get(`/v1/leads/${id}/consents`).expect(200);
    });
  });

  describe('contact attempts checked against the ledger', () => {
    beforeEach(() => setClock(suite.api, NOON_IN_CALIFORNIA));

    it('refuses a text without consent to texts, then after its withdrawal, and writes no attempt', async () => {
      const noTexts = await submitFromPage({ smsConsent: false });
      const refused = await attempt(noTexts, 'sms').expect(409);
      expect(refused.body.error).toMatchObject({
        code: 'CONTACT.SMS_CONSENT_REQUIRED',
        fields: [{ field: 'channel', message: 'no consent to texts' }],
      });

      const texts = await submitFromPage({ smsConsent: true });
      const allowed = await attempt(texts, 'sms').expect(201);
      expect(allowed.body.attempt.receipt).toMatchObject({
        consentKind: 'sms',
        consentRecordId: (await consentsOf(texts)).current.sms!.id,
        timeZone: 'America/Los_Angeles',
        timeZoneFrom: 'state',
        localTime: '2026-12-07T12:00:00-08:00',
        quietHours: false,
      });
      expect(allowed.body.warnings).toEqual([]);
      await as(coordinator)
        .post(`/v1/leads/${texts}/consents`, {
          kind: 'sms',
          action: 'withdrawn',
          source: 'sms_reply',
        })
        .expect(201);
      const stopped = await attempt(texts, 'sms').expect(409);
      expect(stopped.body.error.code).toBe('CONTACT.SMS_CONSENT_WITHDRAWN');
      await attempt(texts, 'phone').expect(201);
      expect(await count(suite.pool, 'lead_contact_attempts', `channel = 'sms'`)).toBe(1);
    });

    it('refuses any attempt after consent to contact was withdrawn, until the person gives it again', async () => {
      const id = await submitFromPage({ smsConsent: true });
      await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'contact', action: 'withdrawn', source: 'phone' })
        .expect(201);
      for (const channel of ['phone', 'sms', 'email']) {
        const refused = await attempt(id, channel).expect(409);
        expect(refused.body.error.code).toBe('CONTACT.CONSENT_WITHDRAWN');
      }
      expect(await count(suite.pool, 'lead_contact_attempts')).toBe(0);
      const lead = await as(coordinator).get(`/v1/leads/${id}`).expect(200);
      expect(lead.body).toMatchObject({ contactConsent: false, status: 'new' });

      await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'contact', action: 'granted', source: 'phone' })
        .expect(201);
      await attempt(id, 'phone').expect(201);
    });
  });

  describe('leads from before the ledger', () => {
    it('carry their consent flags over as imported grants, once, so a lead that agreed to texts can still be texted', async () => {
      setClock(suite.api, NOON_IN_CALIFORNIA);
      const model = await submitFromPage({ smsConsent: true });
      // A lead as the ledger's migration finds it: flags on the row, no ledger rows. Made
      // through the form (its personal values sealed under its own key, as any lead's), then its
      // ledger rows removed with the append-only triggers off for this session alone.
      const legacy = await submitFromPage({
        smsConsent: true,
        email: 'legacy@example.com',
        phone: '+14155550188',
      });
      const client = await suite.pool.connect();
      try {
        await client.query(`SET session_replication_role = replica`);
        await client.query('DELETE FROM consent_records WHERE lead_id = $1', [legacy]);
      } finally {
        await client.query('RESET session_replication_role');
        client.release();
      }
      await expect(attempt(legacy, 'sms').expect(409)).resolves.toBeDefined();

      await suite.pool.query(IMPORT_CONSENT_FLAGS);
      await suite.pool.query(IMPORT_CONSENT_FLAGS);
      const { current, records } = await consentsOf(legacy);
      expect(records.map((r) => [r.kind, r.action, r.source, r.recordedBy]).sort()).toEqual([
        ['contact', 'granted', 'imported', null],
        ['sms', 'granted', 'imported', null],
      ]);
      const firstTouch = await suite.pool.query(
        `SELECT first_touch->>'submissionId' AS id FROM leads WHERE id = $1`,
        [legacy],
      );
      expect(current.sms?.submissionId).toBe(firstTouch.rows[0].id);
      expect((await consentsOf(model)).records).toHaveLength(2);
      const text = await attempt(legacy, 'sms').expect(201);
      expect(text.body.attempt.receipt.consentRecordId).toBe(current.sms?.id);
    });
  });

  describe('quiet hours', () => {
    it('warns by default, refuses when the clinic says so, and uses the clinic zone for an unknown state', async () => {
      const id = await submitFromPage({ smsConsent: true });
      setClock(suite.api, LATE_IN_CALIFORNIA);
      const warned = await attempt(id, 'phone').expect(201);
      expect(warned.body.warnings).toEqual([
        { code: 'CONTACT.QUIET_HOURS', message: expect.stringContaining('22:30') },
      ]);
      expect(warned.body.attempt.receipt).toMatchObject({
        localTime: '2026-12-06T22:30:00-08:00',
        timeZone: 'America/Los_Angeles',
        quietHours: true,
        quietHoursRule: 'warn',
      });
      const stored = await suite.pool.query(
        `SELECT receipt FROM lead_contact_attempts WHERE id = $1`,
        [warned.body.attempt.id],
      );
      expect(stored.rows[0].receipt).toEqual(warned.body.attempt.receipt);

      expect((await as(viewer).get('/v1/settings/contact-rules').expect(200)).body).toEqual({
        quietHours: 'warn',
        clinicTimeZone: 'America/New_York',
      });
      await as(coordinator)
        .put('/v1/settings/contact-rules', { quietHours: 'refuse', clinicTimeZone: 'UTC' })
        .expect(403);
      const invalid = await as(admin)
        .put('/v1/settings/contact-rules', { quietHours: 'refuse', clinicTimeZone: 'Mars/Base' })
        .expect(400);
      expect(invalid.body.error.fields).toEqual([
        { field: 'clinicTimeZone', message: 'must be an IANA time zone' },
      ]);
      await as(admin)
        .put('/v1/settings/contact-rules', {
          quietHours: 'refuse',
          clinicTimeZone: 'America/Chicago',
        })
        .expect(200);
      expect(await adminAudit(as(admin), { action: 'contact_rules.updated' })).toHaveLength(1);

      const refused = await attempt(id, 'sms').expect(409);
      expect(refused.body.error).toMatchObject({ code: 'CONTACT.QUIET_HOURS' });
      expect(refused.body.error.message).toContain('America/Los_Angeles');
      // Email is not a call or a text: the window does not apply.
      const email = await attempt(id, 'email').expect(201);
      expect(email.body.attempt.receipt.quietHours).toBeNull();
      expect(email.body.warnings).toEqual([]);

      const unknownState = await submitFromPage({ state: undefined });
      setClock(suite.api, NOON_IN_CALIFORNIA); // 14:00 in Chicago
      const clinicZone = await attempt(unknownState, 'phone').expect(201);
      expect(clinicZone.body.attempt.receipt).toMatchObject({
        timeZone: 'America/Chicago',
        timeZoneFrom: 'clinic',
        localTime: '2026-12-07T14:00:00-06:00',
        quietHours: false,
      });
      const detail = await as(coordinator).get(`/v1/leads/${unknownState}`).expect(200);
      expect(detail.body.contactAttempts[0].receipt).toEqual(clinicZone.body.attempt.receipt);
    });
  });

  describe('events', () => {
    let worker: INestApplicationContext | null = null;
    let reader: TopicReader | null = null;

    afterEach(async () => {
      await worker?.close();
      await reader?.stop();
      worker = null;
      reader = null;
    });

    it('publishes consent.withdrawn and consent.granted recorded by staff through the outbox, valid and with no personal data', async () => {
      const topic = uniqueTopic();
      reader = await new TopicReader(topic).start();
      worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;

      const person = {
        firstName: 'Philippa',
        lastName: 'Quarrington',
        email: `philippa.q.${Date.now()}@example.com`,
        phone: '(415) 555-0142',
        smsConsent: true,
      };
      const id = await submitFromPage(person);
      await as(coordinator)
        .post(`/v1/leads/${id}/consents`, { kind: 'sms', action: 'withdrawn', source: 'sms_reply' })
        .expect(201);
      await as(coordinator)
        .post(`/v1/leads/${id}/consents`, {
          kind: 'email_marketing',
          action: 'granted',
          source: 'phone',
        })
        .expect(201);
      const { records: ledger } = await consentsOf(id);
      expect(ledger).toHaveLength(4);

      // lead.submitted (the form's boxes are its contactConsent and smsConsent), then staff's two.
      const records = await reader.waitForCount(3);
      expect(records.map((r) => [r.headers.ce_type, r.key, r.value.sequence])).toEqual([
        ['intake.lead.submitted.v1', id, 1],
        ['intake.consent.withdrawn.v1', id, 2],
        ['intake.consent.granted.v1', id, 3],
      ]);
      expect(records[0].value).toMatchObject({ contactConsent: true, smsConsent: true });
      const consent = records.slice(1);
      for (const record of consent) {
        expect(record.headers.ce_subject).toBe(id);
        expect(schemaErrors(record.headers.ce_type, record.value)).toEqual([]);
        expect(Object.keys(record.value).sort()).toEqual(
          [
            'consentId',
            'eventId',
            'kind',
            'leadId',
            'occurredAt',
            'recordedAt',
            'recordedBy',
            'schemaVersion',
            'sequence',
            'source',
            'wordingVersion',
          ].sort(),
        );
        expect(ledger.map((r) => r.id)).toContain(record.value.consentId);
      }
      expect(consent[1].value).toMatchObject({
        kind: 'email_marketing',
        source: 'phone',
        recordedBy: coordinator.staffId,
      });
      expect(consent[0].value).toMatchObject({
        kind: 'sms',
        source: 'sms_reply',
        recordedBy: coordinator.staffId,
        wordingVersion: null,
      });
      const hashes = await suite.pool.query(
        `SELECT ip_hash FROM consent_records WHERE lead_id = $1`,
        [id],
      );
      const raw = records.map((r) => r.raw).join('\n');
      for (const value of [
        person.firstName,
        person.lastName,
        person.email,
        '4155550142',
        'ketamine/consult',
        'ann.page',
        hashes.rows[0].ip_hash,
      ]) {
        expect(raw).not.toContain(value);
      }
    });
  });
});
