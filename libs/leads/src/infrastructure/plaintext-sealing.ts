import { randomBytes } from 'node:crypto';
import {
  BlindIndex,
  ConfigError,
  KeyProvider,
  loadConfig,
  LocalKeyProvider,
  PrivacyConfig,
  Sealer,
  sealedPlace,
} from '@intake/platform';
import { LeadPersonalFields, leadIndexes, sealLead } from './lead-privacy';

/*
 * Sealing rows written in plain text: the FieldEncryption migration converts a database that had
 * leads before it, and the benchmarks' seeds (which insert plain rows in SQL, fast) seal theirs
 * the same way. Idempotent: a lead or submission with a data key is left alone.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
type Run = (text: string, params?: unknown[]) => Promise<Row[]>;

export interface Privacy {
  provider: KeyProvider;
  blind: BlindIndex;
}

/** The keys as the apps configure them (PrivacyConfig, validated the same way). */
export function privacyFromEnvironment(): Privacy {
  const config = loadConfig(PrivacyConfig);
  const problems = config.problems();
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    provider: new LocalKeyProvider(config.keys(), config.PRIVACY_ACTIVE_KEY_ID),
    blind: new BlindIndex(config.PRIVACY_INDEX_KEY),
  };
}

const BATCH = 500;

/**
 * Seals the rows of every lead that has no data key yet (and of rejected submissions without
 * one), in batches: a data key per lead, its personal columns, blind indexes, notes, attempts'
 * notes, contacts to confirm and its submissions' raw fields. Rows with a key are left alone.
 */
export async function sealPlaintextRows(run: Run, privacy: Privacy): Promise<number> {
  let sealed = 0;
  for (;;) {
    const leads = (await run(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", email, phone,
              best_time_to_contact AS "bestTimeToContact", how_did_you_hear AS "howDidYouHear"
         FROM leads l WHERE NOT EXISTS (SELECT 1 FROM data_keys k WHERE k.id = l.id)
        ORDER BY id LIMIT $1`,
      [BATCH],
    )) as Array<LeadPersonalFields & { id: string }>;
    if (leads.length === 0) break;
    const sealers = await newKeys(
      run,
      privacy,
      leads.map((l) => l.id),
    );
    const rows = leads.map((lead) => ({
      ...sealLead(sealers.get(lead.id)!, lead.id, lead),
      ...leadIndexes(privacy.blind, lead),
    }));
    await run(
      `UPDATE leads l SET first_name = n.first_name, last_name = n.last_name, email = n.email,
              phone = n.phone, best_time_to_contact = n.best, how_did_you_hear = n.heard,
              email_index = n.email_index, phone_index = n.phone_index,
              name_index = ARRAY(SELECT jsonb_array_elements_text(n.name_index))
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::jsonb[])
              AS n(id, first_name, last_name, email, phone, best, heard, email_index, phone_index, name_index)
        WHERE l.id = n.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.firstName),
        rows.map((r) => r.lastName),
        rows.map((r) => r.email),
        rows.map((r) => r.phone),
        rows.map((r) => r.bestTimeToContact),
        rows.map((r) => r.howDidYouHear),
        rows.map((r) => r.emailIndex),
        rows.map((r) => r.phoneIndex),
        rows.map((r) => JSON.stringify(r.nameIndex)),
      ],
    );
    await sealChildren(run, privacy, sealers);
    sealed += leads.length;
  }
  for (;;) {
    const spam = (await run(
      `SELECT id FROM submissions s
        WHERE lead_id IS NULL AND NOT EXISTS (SELECT 1 FROM data_keys k WHERE k.id = s.id)
        ORDER BY id LIMIT $1`,
      [BATCH],
    )) as Array<{ id: string }>;
    if (spam.length === 0) break;
    const sealers = await newKeys(
      run,
      privacy,
      spam.map((s) => s.id),
    );
    await sealSubmissions(run, `id = ANY($1::uuid[])`, (row) => sealers.get(row.id)!, [
      spam.map((s) => s.id),
    ]);
  }
  return sealed;
}

async function newKeys(run: Run, privacy: Privacy, ids: string[]): Promise<Map<string, Sealer>> {
  const made = await Promise.all(
    ids.map(async (id) => {
      const key = randomBytes(32);
      return { id, key, ...(await privacy.provider.wrap(key)) };
    }),
  );
  await run(
    `INSERT INTO data_keys (id, key_id, wrapped, created_at)
     SELECT id, key_id, wrapped, now() FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS k(id, key_id, wrapped)`,
    [made.map((m) => m.id), made.map((m) => m.keyId), made.map((m) => m.wrapped)],
  );
  return new Map(made.map((m) => [m.id, new Sealer(m.id, m.key)]));
}

/** The rows that hang off the leads just given keys. */
async function sealChildren(run: Run, privacy: Privacy, sealers: Map<string, Sealer>) {
  const leadIds = [...sealers.keys()];
  const of = (row: Row) => sealers.get(row.lead_id as string)!;
  for (const [table, column] of [
    ['lead_notes', 'body'],
    ['lead_contact_attempts', 'note'],
  ]) {
    const rows = await run(
      `SELECT id, lead_id, ${column} AS value FROM ${table} WHERE lead_id = ANY($1::uuid[])`,
      [leadIds],
    );
    await update(
      run,
      table,
      column,
      rows.map((r) => [
        r.id,
        of(r).seal(sealedPlace(table, column, r.id as string), r.value as string | null),
      ]),
    );
  }
  const contacts = await run(
    `SELECT id, lead_id, channel, value FROM lead_contacts_to_confirm WHERE lead_id = ANY($1::uuid[])`,
    [leadIds],
  );
  await run(
    `UPDATE lead_contacts_to_confirm c SET value = n.value, value_index = n.value_index
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS n(id, value, value_index)
      WHERE c.id = n.id`,
    [
      contacts.map((c) => c.id),
      contacts.map((c) =>
        of(c).seal(
          sealedPlace('lead_contacts_to_confirm', 'value', c.id as string),
          c.value as string,
        ),
      ),
      contacts.map((c) => privacy.blind.of(c.channel as 'email' | 'phone', c.value as string)),
    ],
  );
  await sealSubmissions(run, `lead_id = ANY($1::uuid[])`, of, [leadIds]);
}

async function sealSubmissions(
  run: Run,
  where: string,
  sealerOf: (row: Row) => Sealer,
  params: unknown[],
) {
  const rows = await run(
    `SELECT id, lead_id, fields, unknown_fields FROM submissions WHERE ${where}`,
    params,
  );
  const seal = (row: Row, column: string) =>
    sealerOf(row).seal(sealedPlace('submissions', column, row.id as string), row[column] as string);
  await run(
    `UPDATE submissions s SET fields = n.fields, unknown_fields = n.unknown_fields
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS n(id, fields, unknown_fields)
      WHERE s.id = n.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => seal(r, 'fields')),
      rows.map((r) => seal(r, 'unknown_fields')),
    ],
  );
}

async function update(run: Run, table: string, column: string, rows: Array<[unknown, unknown]>) {
  await run(
    `UPDATE ${table} t SET ${column} = n.value
       FROM unnest($1::uuid[], $2::text[]) AS n(id, value) WHERE t.id = n.id`,
    [rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}
