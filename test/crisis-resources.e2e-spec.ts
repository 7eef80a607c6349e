import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import {
  CLINIC_ORIGIN,
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  startApi,
  testPool,
} from './support/harness';

const ENDPOINT = '/v1/forms/consultation/submissions';
const CRISIS_MESSAGE = 'Honestly I have been thinking about ending my life lately.';
const PLAIN_MESSAGE = 'I would like to ask about ketamine therapy for depression.';

/** The person: crisis resources at once for a request whose own message has crisis language. */
describe('crisis resources for the person who asked (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let pool: Pool;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    pool = testPool();
    app = await startApi();
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    await createForm(app);
  });

  function browserPost(fields: Record<string, string>) {
    return http()
      .post(ENDPOINT)
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .set('Origin', CLINIC_ORIGIN)
      .type('form')
      .send(new URLSearchParams(fields).toString());
  }

  it('answers a browser post with crisis language with the resources page at once, and stores the lead', async () => {
    const res = await browserPost({
      firstName: 'Zelda',
      email: 'zelda.crisis@example.com',
      contactConsent: 'on',
      message: CRISIS_MESSAGE,
    }).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBeUndefined();
    const page = res.text;
    expect(page).toContain('988 Suicide &amp; Crisis Lifeline');
    expect(page).toContain('href="tel:988"');
    expect(page).toContain('href="sms:988"');
    expect(page).toContain('href="tel:911"');
    expect(page).toContain('emergency room');
    expect(page).toContain(`href="${CLINIC_ORIGIN}/thank-you"`);
    // Nothing the person sent is echoed back.
    for (const value of ['Zelda', 'zelda.crisis', 'ending my life'])
      expect(page).not.toContain(value);

    const lead = (await pool.query('SELECT crisis_flag, priority FROM leads')).rows;
    expect(lead).toEqual([{ crisis_flag: true, priority: 'urgent' }]);
  });

  it('redirects a browser post without crisis language to the thank-you page, with no resources', async () => {
    const res = await browserPost({
      firstName: 'Ann',
      email: 'ann.plain@example.com',
      contactConsent: 'on',
      message: PLAIN_MESSAGE,
    }).expect(303);
    expect(res.headers.location).toBe(`${CLINIC_ORIGIN}/thank-you`);
    expect(res.text).not.toContain('988');
  });

  it('flags the JSON answer for a crisis message and not for others, in the same shape', async () => {
    const crisis = await http()
      .post(ENDPOINT)
      .send(consultation({ message: CRISIS_MESSAGE }))
      .expect(201);
    expect(crisis.body).toEqual({ submissionId: expect.any(String), showCrisisResources: true });

    const plain = await http()
      .post(ENDPOINT)
      .send(consultation({ message: PLAIN_MESSAGE }))
      .expect(201);
    expect(plain.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
  });

  it("reads only this request's message: a known person's crisis lead does not flag their next, calm request", async () => {
    const person = { email: 'same.person@example.com', phone: '+14155550199' };
    const first = await http()
      .post(ENDPOINT)
      .send(consultation({ ...person, message: CRISIS_MESSAGE }))
      .expect(201);
    expect(first.body.showCrisisResources).toBe(true);

    // Anyone who knows this email could send this: the answer must not say the lead is flagged.
    const again = await http()
      .post(ENDPOINT)
      .send(consultation({ ...person, message: PLAIN_MESSAGE }))
      .expect(201);
    expect(again.body).toEqual({ submissionId: expect.any(String), showCrisisResources: false });
    expect(await leadOf(pool, again)).toBe(await leadOf(pool, first));
    const lead = (await pool.query('SELECT crisis_flag FROM leads')).rows;
    expect(lead).toEqual([{ crisis_flag: true }]);
  });

  it('shows the resources for a crisis message judged spam, like for any other: a bot learns nothing', async () => {
    const spam = await http()
      .post(ENDPOINT)
      .send(consultation({ website: 'http://spam.example', message: CRISIS_MESSAGE }))
      .expect(201);
    expect(spam.body).toEqual({ submissionId: expect.any(String), showCrisisResources: true });
    const stored = (
      await pool.query('SELECT status FROM submissions WHERE id = $1', [spam.body.submissionId])
    ).rows;
    expect(stored).toEqual([{ status: 'rejected' }]);
  });

  it('replays the answer for a repeated Idempotency-Key with the flag of the message sent', async () => {
    const body = consultation({ message: CRISIS_MESSAGE });
    const first = await http()
      .post(ENDPOINT)
      .set('Idempotency-Key', 'k-crisis-1')
      .send(body)
      .expect(201);
    const replay = await http()
      .post(ENDPOINT)
      .set('Idempotency-Key', 'k-crisis-1')
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({
      submissionId: first.body.submissionId,
      showCrisisResources: true,
    });
  });
});
