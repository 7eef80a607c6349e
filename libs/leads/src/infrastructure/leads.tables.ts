import { col, table } from '@intake/platform';

/**
 * The privacy tables only the typed SQL layer touches (migration Erasure1797400000000): column
 * maps, checked against the database by test/schema.e2e-spec.ts.
 */

/** One erasure: which leads, why (a closed code: free text could itself hold personal data), by whom. */
export const erasures = table('erasures', {
  id: col.uuid('id'),
  leadIds: col.uuidArray('lead_ids'),
  reason: col.text('reason'),
  requestedBy: col.uuid('requested_by').nullable(),
  requestedAt: col.timestamptz('requested_at'),
  doNotContact: col.boolean('do_not_contact'),
});

/** A person who asked not to be contacted again: the keyed hash of a normalized email or phone. */
export const contactSuppressions = table('contact_suppressions', {
  id: col.uuid('id'),
  channel: col.text<'email' | 'phone'>('channel'),
  valueHash: col.text('value_hash'),
  createdAt: col.timestamptz('created_at'),
  erasureId: col.uuid('erasure_id'),
});

/** One run of the retention job: what each rule removed or de-identified. */
export const retentionRuns = table('retention_runs', {
  id: col.uuid('id'),
  startedAt: col.timestamptz('started_at'),
  finishedAt: col.timestamptz('finished_at').nullable(),
  counts: col.jsonb<Record<string, number>>('counts'),
});

/** The clinic's retention periods (migration RetentionSettings1797400000001): one row, id 1. */
export const retentionSettings = table('retention_settings', {
  id: col.smallint('id'),
  spamDays: col.integer('spam_days'),
  rawFieldsDaysAfterClose: col.integer('raw_fields_days_after_close'),
  closedLeadYears: col.integer('closed_lead_years').nullable(),
  auditYears: col.integer('audit_years'),
  updatedBy: col.uuid('updated_by').nullable(),
  updatedAt: col.timestamptz('updated_at'),
});
