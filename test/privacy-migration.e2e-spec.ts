import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@intake/platform';
import { findPlaintext } from './support/plaintext-scan';
import { openedLead, openedSubmission, sealerOf, testBlindIndex } from './support/sealed-rows';
import { TEST_DATABASE_URL, TEST_PRIVACY_ENV } from './support/test-config';

const LEAD = '00000000-0000-7000-8000-00000000a001';
const SUBMISSION = '00000000-0000-7000-8000-00000000b001';
const SPAM = '00000000-0000-7000-8000-00000000b002';
const STAFF = '00000000-0000-7000-8000-00000000c001';

/**
 * A database that had leads before field encryption: the FieldEncryption migration seals every
 * personal value already there (with the configured keys) and builds the blind indexes, so an
 * existing dev database keeps working after `npm run local`.
 */
describe('the FieldEncryption migration on a database with plain-text rows', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    await migrate('before');
    await writePlainRows();
    await migrate('rest');
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('leaves none of the values in plain text', async () => {
    const needles = ['Plainolda', 'Textingham', 'plain.old@premigration.example', '4155550123'];
    needles.push('Oldmessagexyz', 'Oldnotebody', 'Oldattemptnote', 'Spamoldname');
    needles.push('second.old@premigration.example', 'Oldbesttime', 'Oldheardof');
    expect(await findPlaintext(pool, needles)).toEqual([]);
  });

  it('seals each value so that it opens with the row’s data key, and indexes the contact details and name', async () => {
    expect(await openedLead(pool, LEAD)).toMatchObject({
      first_name: 'Plainolda',
      last_name: 'Textingham',
      email: 'plain.old@premigration.example',
      phone: '+14155550123',
      best_time_to_contact: 'Oldbesttime',
      how_did_you_hear: 'Oldheardof',
      email_index: testBlindIndex.of('email', 'plain.old@premigration.example'),
      phone_index: testBlindIndex.of('phone', '+14155550123'),
      name_index: expect.arrayContaining([testBlindIndex.of('name', 'textin')]),
    });
    expect((await openedSubmission(pool, SUBMISSION)).fields).toEqual({
      firstName: 'Plainolda',
      message: 'Oldmessagexyz',
    });
    expect((await openedSubmission(pool, SPAM)).unknown_fields).toEqual({ extra: 'Spamoldname' });
    const sealer = await sealerOf(pool, LEAD);
    const note = (await pool.query('SELECT id, body FROM lead_notes')).rows[0];
    expect(sealer.open(`lead_notes.body:${note.id}`, note.body)).toBe('Oldnotebody');
    const attempt = (await pool.query('SELECT id, note FROM lead_contact_attempts')).rows[0];
    expect(sealer.open(`lead_contact_attempts.note:${attempt.id}`, attempt.note)).toBe(
      'Oldattemptnote',
    );
    const contact = (
      await pool.query('SELECT id, value, value_index FROM lead_contacts_to_confirm')
    ).rows[0];
    expect(sealer.open(`lead_contacts_to_confirm.value:${contact.id}`, contact.value)).toBe(
      'second.old@premigration.example',
    );
    expect(contact.value_index).toBe(testBlindIndex.of('email', 'second.old@premigration.example'));
  });

  /** Runs the migrations before FieldEncryption on an empty schema, or the rest. */
  async function migrate(part: 'before' | 'rest'): Promise<void> {
    const saved: Record<string, string | undefined> = Object.fromEntries(
      Object.keys(TEST_PRIVACY_ENV).map((name) => [name, process.env[name]]),
    );
    const dataSource = new DataSource({
      ...dataSourceOptions({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 }, 'test'),
      entities: [],
    });
    await dataSource.initialize();
    try {
      if (part === 'before') {
        await dataSource.query('DROP SCHEMA public CASCADE');
        await dataSource.query('CREATE SCHEMA public');
        const at = dataSource.migrations.findIndex((m) => m.name?.startsWith('FieldEncryption'));
        expect(at).toBeGreaterThan(0);
        dataSource.migrations.splice(at);
      }
      // The migration reads the keys from the environment, as it does at an app's start.
      Object.assign(process.env, TEST_PRIVACY_ENV);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await dataSource.destroy();
    }
  }

  async function writePlainRows(): Promise<void> {
    const touch = JSON.stringify({
      submissionId: SUBMISSION,
      formKey: 'consultation',
      at: new Date(),
    });
    await pool.query(
      `INSERT INTO staff (id, name, email, role, active, created_at, updated_at)
       VALUES ($1, 'Cory', NULL, 'coordinator', true, now(), now())`,
      [STAFF],
    );
    await pool.query(
      `INSERT INTO leads (id, status, priority, priority_rank, crisis_flag, first_name, last_name,
         search_name, email, phone, best_time_to_contact, how_did_you_hear, contact_consent,
         sms_consent, first_touch, latest_touch, source, form_key, submission_count,
         contact_attempt_count, version, created_at, updated_at, last_submitted_at)
       VALUES ($1, 'new', 'normal', 2, false, 'Plainolda', 'Textingham', 'plainolda textingham',
         'plain.old@premigration.example', '+14155550123', 'Oldbesttime', 'Oldheardof', true,
         false, $2, $2, 'direct', 'consultation', 1, 1, 1, now(), now(), now())`,
      [LEAD, touch],
    );
    await pool.query(
      `INSERT INTO submissions (id, form_key, lead_id, status, fields, unknown_fields, attribution,
         received_at)
       VALUES ($1, 'consultation', $2, 'accepted', $3, '{}', '{}', now()),
              ($4, 'consultation', NULL, 'rejected', '{}', $5, '{}', now())`,
      [
        SUBMISSION,
        LEAD,
        JSON.stringify({ firstName: 'Plainolda', message: 'Oldmessagexyz' }),
        SPAM,
        JSON.stringify({ extra: 'Spamoldname' }),
      ],
    );
    await pool.query(
      `INSERT INTO lead_notes (id, lead_id, author_id, body, created_at)
       VALUES (gen_random_uuid(), $1, $2, 'Oldnotebody', now())`,
      [LEAD, STAFF],
    );
    await pool.query(
      `INSERT INTO lead_contact_attempts (id, lead_id, attempt_number, channel, outcome, note,
         actor_id, attempted_at)
       VALUES (gen_random_uuid(), $1, 1, 'phone', 'no_answer', 'Oldattemptnote', $2, now())`,
      [LEAD, STAFF],
    );
    await pool.query(
      `INSERT INTO lead_contacts_to_confirm (id, lead_id, channel, value, submission_id, received_at)
       VALUES (gen_random_uuid(), $1, 'email', 'second.old@premigration.example', $2, now())`,
      [LEAD, SUBMISSION],
    );
  }
});
