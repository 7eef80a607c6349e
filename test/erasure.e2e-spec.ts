import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { schemaErrors } from './support/event-schema-validator';
import { count, leadOf, startWorker, waitUntil } from './support/harness';
import { TopicReader } from './support/kafka-reader';
import { findPlaintext } from './support/plaintext-scan';
import { openedLead, testBlindIndex } from './support/sealed-rows';
import { uniqueTopic } from './support/test-config';
import { triageSuite } from './support/triage-suite';

/** Distinctive values for one person: every one of them must be gone after the erasure. */
function person() {
  const tag = randomUUID().slice(0, 8);
  const digits = String(Math.floor(1000 + Math.random() * 8999));
  return {
    firstName: `Zephyrine${tag}`,
    lastName: `Quillfeather${tag}`,
    email: `zq.${tag}@example.com`,
    phone: `+1415556${digits}`,
    otherPhone: `+1415557${digits}`,
    message: `Asking about xylotherapy-${tag} for my insomnia.`,
    bestTimeToContact: `after quokka-${tag} hour`,
    howDidYouHear: `my aunt Yolanda-${tag}`,
    note: `Spoke with Zephyrine${tag} about her nightmares`,
    attemptNote: `Left word for Zephyrine${tag} at work`,
    gclid: `Cj0KCQgclid${tag}`,
    tag,
  };
}

/**
 * What the database holds of a lead's person, as stored: the sealed values (ciphertext) and the
 * blind indexes of the lead, its notes, attempts, contacts to confirm and requests.
 */
async function storedFormsOf(pool: import('pg').Pool, leadId: string): Promise<string[]> {
  const { rows } = await pool.query<{ v: string }>(
    `SELECT v FROM (
       SELECT unnest(ARRAY[first_name, last_name, email, phone, best_time_to_contact,
                           how_did_you_hear, email_index, phone_index] || name_index) AS v
         FROM leads WHERE id = $1
       UNION ALL SELECT body FROM lead_notes WHERE lead_id = $1
       UNION ALL SELECT note FROM lead_contact_attempts WHERE lead_id = $1
       UNION ALL SELECT unnest(ARRAY[value, value_index]) FROM lead_contacts_to_confirm
                  WHERE lead_id = $1
       UNION ALL SELECT unnest(ARRAY[fields, unknown_fields]) FROM submissions WHERE lead_id = $1
     ) stored WHERE v IS NOT NULL`,
    [leadId],
  );
  return rows.map((r) => r.v);
}

describe('erasure: a lead, or every lead of a person, de-identified for good', () => {
  const suite = triageSuite();
  const { as, submit, submission } = suite;
  const { admin, coordinator } = suite.team;
  let worker: INestApplicationContext;
  let reader: TopicReader;

  beforeAll(async () => {
    const topic = uniqueTopic();
    reader = await new TopicReader(topic, 3).start();
    worker = (await startWorker({ KAFKA_TOPIC: topic }, true)).context;
  });

  afterAll(async () => {
    await worker?.close();
    await reader?.stop();
  });

  const fieldsOf = (p: ReturnType<typeof person>, phone = p.phone) => ({
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone,
    message: p.message,
    bestTimeToContact: p.bestTimeToContact,
    howDidYouHear: p.howDidYouHear,
    gclid: p.gclid,
  });

  it('leaves none of the lead’s values in any table, shows it erased, refuses edits and publishes lead.erased without personal data', async () => {
    const p = person();
    const id = await submit(fieldsOf(p));
    // The same email with another phone: the phone waits as a contact to confirm.
    expect(await submit(fieldsOf(p, p.otherPhone))).toBe(id);
    await as(coordinator)
      .put(`/v1/leads/${id}/owner`, { staffId: coordinator.staffId })
      .expect(200);
    await as(coordinator)
      .post(`/v1/leads/${id}/contact-attempts`, {
        channel: 'phone',
        outcome: 'left_voicemail',
        note: p.attemptNote,
      })
      .expect(201);
    await as(coordinator).post(`/v1/leads/${id}/notes`, { body: p.note }).expect(201);
    const needles = [
      p.firstName,
      p.lastName,
      p.email,
      p.phone,
      p.otherPhone,
      `xylotherapy-${p.tag}`,
      `quokka-${p.tag}`,
      `Yolanda-${p.tag}`,
      'nightmares',
      'at work',
    ];
    // Before: the values are there, sealed, and open with the lead's key; the scan finds every
    // stored form of them (ciphertext and blind indexes), so it can fail.
    expect(await openedLead(suite.pool, id)).toMatchObject({
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      phone: p.phone,
      best_time_to_contact: p.bestTimeToContact,
      how_did_you_hear: p.howDidYouHear,
    });
    const stored = await storedFormsOf(suite.pool, id);
    expect(stored.length).toBeGreaterThanOrEqual(12);
    const before = await findPlaintext(suite.pool, stored);
    // The ad click id is attribution, kept in clear until the erasure removes it.
    expect(await findPlaintext(suite.pool, [p.gclid])).not.toEqual([]);
    expect(new Set(before.map((f) => f.needle))).toEqual(
      new Set(stored.map((n) => n.toLowerCase())),
    );

    const erased = await as(admin)
      .post(`/v1/leads/${id}/erasure`, { reason: 'person_request' })
      .expect(201);
    expect(erased.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      leadIds: [id],
      reason: 'person_request',
      requestedBy: admin.staffId,
      requestedAt: expect.any(String),
      doNotContact: false,
    });

    // After: neither the values nor any stored form of them, and the lead's data key is gone.
    expect(await findPlaintext(suite.pool, [...needles, ...stored])).toEqual([]);
    expect(await count(suite.pool, 'data_keys', `id = '${id}'`)).toBe(0);
    // The click id is gone from the lead and its requests; the published lead.submitted keeps
    // it in the outbox until the replay window ends (docs/privacy.md, "Copies of events").
    const clickIds = await findPlaintext(suite.pool, [p.gclid]);
    expect(clickIds.filter((f) => f.table !== 'public.outbox')).toEqual([]);

    const { body: lead } = await as(admin).get(`/v1/leads/${id}`).expect(200);
    expect(lead).toMatchObject({
      erasedAt: expect.any(String),
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      bestTimeToContact: null,
      howDidYouHear: null,
      // Figures stay; an open lead is closed first so nobody is asked to call.
      status: 'lost',
      interest: 'depression',
      state: 'CA',
      submissionCount: 2,
      contactAttemptCount: 1,
      owner: { id: coordinator.staffId },
      contactsToConfirm: [],
    });
    expect(lead.submissions).toHaveLength(2);
    expect(lead.submissions[0]).toMatchObject({ fields: null, unknownFields: null });
    expect(lead.notes.map((n: { body: string }) => n.body)).toEqual(['[erased]']);
    expect(lead.contactAttempts[0].note).toBeNull();
    // History keeps its rows and field names; the personal values are gone.
    const actions = lead.history.map((h: { action: string }) => h.action);
    expect(actions.slice(0, 2)).toEqual(['submitted', 'resubmitted']);
    expect(actions.slice(-2)).toEqual(['status_changed', 'erased']);
    expect(lead.history[0].changes.email).toEqual({ from: null, to: null });

    const refused = await as(admin).post(`/v1/leads/${id}/notes`, { body: 'more' }).expect(409);
    expect(refused.body.error.code).toBe('LEAD.ERASED');
    await as(admin).put(`/v1/leads/${id}/priority`, { priority: 'high' }).expect(409);

    // Idempotent: the same erasure answers, nothing new is written.
    const again = await as(admin)
      .post(`/v1/leads/${id}/erasure`, { reason: 'clinic_policy' })
      .expect(201);
    expect(again.body).toEqual(erased.body);
    const audit = await suite.pool.query(
      `SELECT action, target_id, after FROM admin_audit WHERE action = 'lead.erased'`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'lead.erased',
        target_id: erased.body.id,
        after: expect.objectContaining({ leadIds: [id], reason: 'person_request' }),
      },
    ]);

    const event = await waitUntil(
      async () =>
        reader.records.find((r) => r.key === id && r.headers.ce_type === 'intake.lead.erased.v1'),
      30_000,
      'lead.erased on the topic',
    );
    expect(schemaErrors('intake.lead.erased.v1', event.value)).toEqual([]);
    expect(event.value).toEqual({
      eventId: expect.any(String),
      occurredAt: expect.any(String),
      leadId: id,
      sequence: expect.any(Number),
      schemaVersion: '1.0',
      cause: 'request',
      erasureId: erased.body.id,
      erasedAt: expect.any(String),
    });
    for (const needle of needles)
      expect(event.raw.toLowerCase()).not.toContain(needle.toLowerCase());
  });

  it('erases every lead of one person found by contact, and a later request starts a fresh lead', async () => {
    const p = person();
    const first = await submit(fieldsOf(p));
    await as(admin).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
    // The first is closed, so the same person's next request makes a second lead.
    const second = await submit(fieldsOf(p));
    expect(second).not.toBe(first);
    const stranger = await submit();
    // The stranger's email with this person's phone: the phone waits on the stranger's lead.
    const strangerEmail = (await openedLead(suite.pool, stranger)).email;
    expect(await submit({ email: strangerEmail, phone: p.phone })).toBe(stranger);
    const phoneIndex = testBlindIndex.of('phone', p.phone)!;
    expect(await findPlaintext(suite.pool, [phoneIndex])).toContainEqual(
      expect.objectContaining({ table: expect.stringMatching(/(^|\.)lead_contacts_to_confirm$/) }),
    );

    // By email alone: the phone of the leads it finds goes too, wherever it waits.
    const erased = await as(admin)
      .post('/v1/erasures', { email: p.email.toUpperCase(), reason: 'legal_obligation' })
      .expect(201);
    expect([...erased.body.leadIds].sort()).toEqual([first, second].sort());
    for (const id of [first, second]) {
      const { body } = await as(admin).get(`/v1/leads/${id}`).expect(200);
      expect(body.erasedAt).not.toBeNull();
    }
    const { body: other } = await as(admin).get(`/v1/leads/${stranger}`).expect(200);
    expect(other.erasedAt).toBeNull();
    expect(await findPlaintext(suite.pool, [p.email, p.phone, p.lastName, phoneIndex])).toEqual([]);

    // The erased leads no longer match: the person starts fresh, not suppressed.
    const fresh = await submit(fieldsOf(p));
    expect([first, second]).not.toContain(fresh);
    const { body: lead } = await as(admin).get(`/v1/leads/${fresh}`).expect(200);
    expect(lead).toMatchObject({ erasedAt: null, doNotContact: false, email: p.email });
  });

  it('keeps a do-not-contact suppression only when asked: a new lead of the person is marked, and attempts are refused', async () => {
    const p = person();
    const id = await submit(fieldsOf(p));
    const erased = await as(admin)
      .post(`/v1/leads/${id}/erasure`, { reason: 'person_request', doNotContact: true })
      .expect(201);
    expect(erased.body.doNotContact).toBe(true);
    // A blind index per channel (the keyed hash a lead's email_index holds), never the value.
    const kept = await suite.pool.query(
      `SELECT channel, value_hash FROM contact_suppressions ORDER BY channel`,
    );
    expect(kept.rows).toEqual([
      { channel: 'email', value_hash: testBlindIndex.of('email', p.email) },
      { channel: 'phone', value_hash: testBlindIndex.of('phone', p.phone) },
    ]);
    expect(await findPlaintext(suite.pool, [p.email, p.phone])).toEqual([]);

    // The public answer is the same as anyone's; the leads (by email alone, by phone alone) are marked.
    const byEmail = await submission({
      ...fieldsOf(p),
      phone: undefined,
      preferredContact: 'email',
    });
    const anyone = await submission();
    expect(byEmail.body).toEqual({ ...anyone.body, submissionId: expect.any(String) });
    const emailLead = await leadOf(suite.pool, byEmail);
    expect((await as(admin).get(`/v1/leads/${emailLead}`).expect(200)).body.doNotContact).toBe(
      true,
    );
    const fresh = await submit({ ...fieldsOf(p), email: undefined });
    const { body: lead } = await as(admin).get(`/v1/leads/${fresh}`).expect(200);
    expect(lead.doNotContact).toBe(true);
    const refused = await as(admin)
      .post(`/v1/leads/${fresh}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .expect(409);
    expect(refused.body.error.code).toBe('LEAD.DO_NOT_CONTACT');

    const other = await submit();
    const { body: free } = await as(admin).get(`/v1/leads/${other}`).expect(200);
    expect(free.doNotContact).toBe(false);
    await as(admin)
      .post(`/v1/leads/${other}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .expect(201);
  });

  it('refuses attempts on another open lead of a person erased with do-not-contact', async () => {
    const p = person();
    const first = await submit(fieldsOf(p));
    await as(admin).post(`/v1/leads/${first}/transitions`, { to: 'lost' }).expect(200);
    // The first is closed, so the person's next request is a second, open lead.
    const second = await submit(fieldsOf(p));
    expect(second).not.toBe(first);
    await as(admin)
      .post(`/v1/leads/${first}/erasure`, { reason: 'person_request', doNotContact: true })
      .expect(201);
    const refused = await as(admin)
      .post(`/v1/leads/${second}/contact-attempts`, { channel: 'phone', outcome: 'no_answer' })
      .expect(409);
    expect(refused.body.error.code).toBe('LEAD.DO_NOT_CONTACT');
  });

  it('keeps the append-only guards: an ordinary UPDATE or DELETE of history and the access log is refused', async () => {
    const id = await submit();
    await as(admin).get(`/v1/leads/${id}`).expect(200);
    const refused = /append-only/;
    await expect(suite.pool.query(`DELETE FROM lead_history`)).rejects.toThrow(refused);
    await expect(suite.pool.query(`UPDATE lead_history SET changes = '{}'::jsonb`)).rejects.toThrow(
      refused,
    );
    await expect(suite.pool.query(`DELETE FROM access_log`)).rejects.toThrow(refused);
    // A setting that names no erasure or retention run opens nothing.
    const client = await suite.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL intake.privacy_operation = 'erasure:${randomUUID()}'`);
      await expect(client.query(`UPDATE lead_history SET changes = '{}'::jsonb`)).rejects.toThrow(
        refused,
      );
      await client.query('ROLLBACK');
      // Nor does a real erasure of another lead, nor a DELETE under it.
      const erased = await as(admin)
        .post(`/v1/leads/${await submit()}/erasure`, { reason: 'clinic_policy' })
        .expect(201);
      // The erasure itself is append-only: it cannot be made to name another lead.
      await expect(
        suite.pool.query(`UPDATE erasures SET lead_ids = lead_ids || $1::uuid`, [id]),
      ).rejects.toThrow(refused);
      await expect(suite.pool.query(`DELETE FROM erasures`)).rejects.toThrow(refused);
      await client.query('BEGIN');
      await client.query(`SET LOCAL intake.privacy_operation = 'erasure:${erased.body.id}'`);
      await expect(
        client.query(`UPDATE lead_history SET changes = '{}'::jsonb WHERE lead_id = $1`, [id]),
      ).rejects.toThrow(refused);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(
      (
        await suite.pool.query(`SELECT count(*)::int AS n FROM lead_history WHERE lead_id = $1`, [
          id,
        ])
      ).rows[0].n,
    ).toBe(1);
  });

  it('is for admins only, needs a known reason, and answers 404 for an unknown lead', async () => {
    const id = await submit();
    await as(coordinator).post(`/v1/leads/${id}/erasure`, { reason: 'person_request' }).expect(403);
    await as(coordinator)
      .post('/v1/erasures', { email: 'a@example.com', reason: 'person_request' })
      .expect(403);
    const bad = await as(admin)
      .post(`/v1/leads/${id}/erasure`, { reason: 'she asked me on the phone' })
      .expect(400);
    expect(bad.body.error.fields[0].field).toBe('reason');
    const none = await as(admin).post('/v1/erasures', { reason: 'person_request' }).expect(400);
    expect(none.body.error.fields[0].field).toBe('email');
    await as(admin)
      .post(`/v1/leads/${randomUUID()}/erasure`, { reason: 'person_request' })
      .expect(404);
    expect((await suite.pool.query(`SELECT count(*)::int AS n FROM erasures`)).rows[0].n).toBe(0);
  });
});
