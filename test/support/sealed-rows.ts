import type { Pool } from 'pg';
import { BlindIndex, loadConfig, LocalKeyProvider, PrivacyConfig, Sealer } from '@intake/platform';
import { testEnv } from './test-config';

/**
 * Reads rows the way a person with the database and the keys could: the sealed columns opened
 * with the row's data key, under the context the repositories bind in. Suites that check what
 * was stored read through these (the stored text itself is ciphertext).
 */
const config = loadConfig(PrivacyConfig, testEnv());
const provider = new LocalKeyProvider(config.keys(), config.PRIVACY_ACTIVE_KEY_ID);
export const testBlindIndex = new BlindIndex(config.PRIVACY_INDEX_KEY);

export async function sealerOf(pool: Pool, ownerId: string): Promise<Sealer> {
  const key = (
    await pool.query<{ key_id: string; wrapped: Buffer }>(
      'SELECT key_id, wrapped FROM data_keys WHERE id = $1',
      [ownerId],
    )
  ).rows[0];
  return new Sealer(ownerId, key ? await provider.unwrap(key.key_id, key.wrapped) : null);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

const LEAD_COLUMNS = {
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  phone: 'phone',
  best_time_to_contact: 'bestTimeToContact',
  how_did_you_hear: 'howDidYouHear',
} as const;

/** The leads row (snake_case, as `SELECT *` gives it), personal columns opened. */
export async function openedLead(pool: Pool, leadId: string): Promise<Row> {
  const row = (await pool.query('SELECT * FROM leads WHERE id = $1', [leadId])).rows[0];
  const sealer = await sealerOf(pool, leadId);
  for (const [column, field] of Object.entries(LEAD_COLUMNS)) {
    row[column] = sealer.open(`leads.${field}:${leadId}`, row[column]);
  }
  return row;
}

/** The submissions row, `fields` and `unknown_fields` opened (with the lead's key, or its own). */
export async function openedSubmission(pool: Pool, id: string): Promise<Row> {
  const row = (await pool.query('SELECT * FROM submissions WHERE id = $1', [id])).rows[0];
  const sealer = await sealerOf(pool, row.lead_id ?? id);
  row.fields = sealer.openJson(`submissions.fields:${id}`, row.fields);
  row.unknown_fields = sealer.openJson(`submissions.unknown_fields:${id}`, row.unknown_fields);
  return row;
}
