import { col, table } from '@intake/platform';
import { ConsentAction, ConsentKind, ConsentSource } from '../domain/consent';
import { ContactRules } from '../domain/contact-rules';

/**
 * Leads' tables that only its SQL reads and writes (migration ConsentLedger): the column maps of
 * the typed SQL layer, checked against the database by test/schema.e2e-spec.ts. The lead and the
 * rows that hang off it otherwise have entities.
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
