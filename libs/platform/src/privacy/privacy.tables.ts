import { col, table } from '../database/sql';

/**
 * One data key per lead (or per rejected submission, which has no lead), wrapped under a
 * key-encryption key. Deleting the row is crypto-shredding: what it sealed can no longer be read.
 * Made by the FieldEncryption migration (libs/leads).
 */
export const dataKeys = table('data_keys', {
  id: col.uuid('id'),
  keyId: col.text('key_id'),
  wrapped: col.bytea('wrapped'),
  createdAt: col.timestamptz('created_at'),
  rewrappedAt: col.timestamptz('rewrapped_at').nullable(),
});
