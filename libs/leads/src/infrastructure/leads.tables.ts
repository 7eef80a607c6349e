import { col, table } from '@intake/platform';
import { ConsentAction, ConsentKind, ConsentSource } from '../domain/consent';
import { ContactRules } from '../domain/contact-rules';

/**
 * Leads' tables that only its SQL reads and writes (migrations ConsentLedger, Erasure,
 * RetentionSettings): the column maps of the typed SQL layer, checked against the database by
 * test/schema.e2e-spec.ts. The lead and the rows that hang off it otherwise have entities.
 */

/** The consent ledger: append-only (a trigger refuses UPDATE and DELETE). */
export const consentRecords = table('consent_records', {
  id: col.uuid('id'),
  leadId: col.uuid('lead_id'),
  kind: col.text<ConsentKind>('kind'),
  action: col.text<ConsentAction>('action'),
  wordingVersion: col.integer('wording_version').nullable(),
  source: col.text<ConsentSource>('source'),
  pageOrigin: col.text('page_origin').nullable(),
  pagePath: col.text('page_path').nullable(),
  ipHash: col.text('ip_hash').nullable(),
  recordedBy: col.uuid('recorded_by').nullable(),
  submissionId: col.uuid('submission_id').nullable(),
  recordedAt: col.timestamptz('recorded_at'),
});

/** The clinic's contact rules: one row (id 1) once an admin saved them; defaults until then. */
export const contactRules = table('contact_rules', {
  id: col.smallint('id'),
  rules: col.jsonb<Partial<ContactRules>>('rules'),
  updatedAt: col.timestamptz('updated_at'),
  updatedBy: col.uuid('updated_by').nullable(),
});

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
