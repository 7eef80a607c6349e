/**
 * Seeds a benchmark database with leads shaped like a busy clinic group's year
 * (`npm run bench:leads:seed`, also run by `npm run bench:leads` when the count differs).
 *
 * Env: BENCH_LEADS (100000), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/intake_bench).
 * Deterministic (setseed), so runs on different days measure the same data.
 */
import 'reflect-metadata';
import {
  privacyFromEnvironment,
  sealPlaintextRows,
} from '../libs/leads/src/infrastructure/plaintext-sealing';
import { Pool } from 'pg';
import { migrateBenchDatabase, positive } from './support';

export const COORDINATORS = 20;

const FIRST = [
  'Ann',
  'José',
  'Maria',
  'James',
  'Aiyana',
  'Chen',
  'Fatima',
  'Liam',
  'Noah',
  'Olivia',
  'Emma',
  'Sofía',
  'Mateo',
  'Ava',
  'Lucas',
  'Mia',
  'Ethan',
  'Zoë',
  'Amir',
  'Hana',
  'Kwame',
  'Priya',
  'Diego',
  'Grace',
  'Omar',
  'Chloé',
  'Ivan',
  'Leila',
  'Marcus',
  'Nina',
];
const LAST = [
  'García',
  'Smith',
  'Johnson',
  'Nguyen',
  'Patel',
  'Kim',
  'Williams',
  'Brown',
  'Jones',
  'Núñez',
  'Miller',
  'Davis',
  'Rodríguez',
  'Martínez',
  'Hernández',
  'López',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Pérez',
  'Thompson',
  'White',
  'Harris',
  'Sánchez',
];

/** Empties the lead tables and inserts `count` leads plus the coordinators who own them. */
export async function seedLeads(pool: Pool, count: number): Promise<void> {
  await pool.query(
    `TRUNCATE follow_ups, assignment_decisions, routing_queue, routing_pool_members,
       staff_schedules, staff_away_periods, access_log, lead_history, lead_notes,
       lead_contact_attempts, lead_contacts_to_confirm, consent_records, leads, submissions, data_keys, idempotency_keys, throttle_counters, outbox, api_keys,
       auth_sessions, auth_pending_logins, staff
       RESTART IDENTITY`,
  );
  await pool.query('SELECT setseed(0.42)');
  await pool.query(
    `INSERT INTO staff (id, name, email, role, active, created_at, updated_at)
     SELECT gen_random_uuid(), 'Coordinator ' || i, NULL, 'coordinator', true, now(), now()
       FROM generate_series(1, $1) i`,
    [COORDINATORS],
  );
  // Distributions: most leads still being worked or closed, 70% owned, ~2% crisis-flagged.
  await pool.query(
    `WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff),
     g AS (
       SELECT i, random() AS rs, random() AS rp, random() AS ro, random() AS rf, random() AS rsrc,
              random() AS rst, random() AS ri, random() AS rc, random() AS ra,
              (random() * 29)::int + 1 AS fn, (random() * 29)::int + 1 AS ln
         FROM generate_series(1, $1) i
     ),
     shaped AS (
       SELECT g.*,
         CASE WHEN rs < .15 THEN 'new' WHEN rs < .35 THEN 'attempting_contact'
              WHEN rs < .55 THEN 'contacted' WHEN rs < .65 THEN 'consult_scheduled'
              WHEN rs < .70 THEN 'consult_completed' WHEN rs < .80 THEN 'converted'
              WHEN rs < .88 THEN 'disqualified' WHEN rs < .95 THEN 'unresponsive' ELSE 'lost' END
           AS status,
         CASE WHEN rp < .02 THEN 'urgent' WHEN rp < .04 THEN 'urgent' WHEN rp < .10 THEN 'high'
              ELSE 'normal' END AS priority,
         rp < .02 AS crisis,
         CASE WHEN rf < .7 THEN 'consultation' WHEN rf < .9 THEN 'spring-promo' ELSE 'landing-b' END
           AS form_key,
         CASE WHEN rsrc < .35 THEN 'google' WHEN rsrc < .55 THEN 'facebook'
              WHEN rsrc < .65 THEN 'instagram' WHEN rsrc < .70 THEN 'bing'
              WHEN rsrc < .75 THEN 'newsletter' ELSE NULL END AS utm_source,
         (ARRAY['CA','CA','CA','NY','NY','TX','TX','FL','WA','IL','CO','AZ','OR','MA','WY'])
           [1 + (rst * 14)::int] AS state,
         (ARRAY['depression','depression','anxiety','ptsd','chronic_pain','ocd','addiction','other'])
           [1 + (ri * 7)::int] AS interest,
         date_trunc('milliseconds', now() - (random() * interval '365 days')) AS created_at
       FROM g
     )
     INSERT INTO leads (id, status, status_reason, priority, priority_rank, crisis_flag,
       first_name, last_name, email, phone, preferred_contact, best_time_to_contact,
       state, interest, how_did_you_hear, contact_consent, sms_consent, first_touch, latest_touch,
       source, form_key, owner_id, submission_count, contact_attempt_count,
       first_contact_attempt_at, first_reached_at, version, created_at, updated_at,
       last_submitted_at, name_index)
     SELECT gen_random_uuid(), s.status,
       CASE WHEN s.status = 'disqualified' THEN 'insurance' END,
       s.priority, CASE s.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, s.crisis,
       f.name, l.name,
       lower(translate(f.name, 'áéíóúñüöë', 'aeiounuoe') || '.' || translate(l.name, 'áéíóúñüöë', 'aeiounuoe')) || '.' || s.i || '@example.com',
       '+1' || (ARRAY['212','213','305','312','415','503','617','702','713','206'])[1 + s.i % 10]
         || '555' || lpad((s.i / 10 % 10000)::text, 4, '0'),
       'phone', NULL, s.state, s.interest, NULL, true, s.rc < .5,
       t.touch, t.touch,
       coalesce(s.utm_source, 'direct'), s.form_key,
       CASE WHEN s.ro < .7 THEN (SELECT ids[1 + (s.ro * 1000)::int % array_length(ids, 1)] FROM owners) END,
       1 + (s.ra * 2)::int,
       CASE WHEN s.status = 'new' THEN 0 ELSE 1 + (s.ra * 4)::int END,
       CASE WHEN s.status = 'new' THEN NULL ELSE s.created_at + interval '7 minutes' END,
       CASE WHEN s.status IN ('new', 'attempting_contact', 'unresponsive') THEN NULL
            ELSE s.created_at + interval '2 hours' END,
       1 + (s.ra * 5)::int, s.created_at, s.created_at + interval '1 day', s.created_at, '{}'
     FROM shaped s
     JOIN LATERAL (SELECT (ARRAY[${FIRST.map(quote).join(',')}])[s.fn] AS name) f ON true
     JOIN LATERAL (SELECT (ARRAY[${LAST.map(quote).join(',')}])[s.ln] AS name) l ON true
     JOIN LATERAL (SELECT jsonb_build_object(
       'submissionId', gen_random_uuid(), 'formKey', s.form_key, 'at', s.created_at,
       'utmSource', s.utm_source, 'utmMedium', CASE WHEN s.utm_source IS NULL THEN NULL ELSE 'cpc' END,
       'utmCampaign', NULL, 'utmTerm', NULL, 'utmContent', NULL, 'gclid', NULL,
       'landingPage', 'https://clinic.example/ketamine', 'referrer', NULL) AS touch) t ON true`,
    [count],
  );
  // Written in plain text above (fast, in SQL), then sealed as the FieldEncryption migration
  // seals a database that had leads before it.
  await sealPlaintextRows(
    async (text, params) => (await pool.query(text, params)).rows,
    privacyFromEnvironment(),
  );
  await pool.query('VACUUM ANALYZE leads');
  await pool.query('ANALYZE staff');
  // Flush the seeding's writes now, not during the first measurements.
  await pool.query('CHECKPOINT').catch(() => undefined);
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_bench';
  const count = positive('BENCH_LEADS', 100_000);
  await migrateBenchDatabase(url);
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const started = Date.now();
    await seedLeads(pool, count);
    console.log(`seeded ${count} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
