import type { ConsentKind } from '@intake/kernel';
import { col, table } from '@intake/platform';

/**
 * Intake's tables that only its SQL reads and writes (migrations Init, SubmissionLimits and
 * ConsentWordings): the column maps of the typed SQL layer, checked against the database by
 * test/schema.e2e-spec.ts. Forms have an entity.
 */

/** A submission's idempotency key; `idx_idempotency_keys_created_at` serves the pruner. */
export const idempotencyKeys = table('idempotency_keys', {
  formKey: col.text('form_key'),
  key: col.text('key'),
  /** The first response, replayed to every retry within the window. */
  response: col.jsonb<object>('response').nullable(),
  createdAt: col.timestamptz('created_at'),
});

/**
 * One rate-limit window (an UNLOGGED table): submissions counted under a key (a keyed hash of
 * form and source address, form, or form and contact), shared by every api instance on the
 * database.
 */
export const throttleCounters = table('throttle_counters', {
  key: col.text('key'),
  hits: col.integer('hits'),
  windowEndsAt: col.timestamptz('window_ends_at'),
  blockedUntil: col.timestamptz('blocked_until').nullable(),
});

/** A form's consent wording: each publication a new version of its kind, never changed. */
export const consentWordings = table('consent_wordings', {
  formKey: col.text('form_key'),
  kind: col.text<ConsentKind>('kind'),
  version: col.integer('version'),
  text: col.text('text'),
  createdAt: col.timestamptz('created_at'),
  createdBy: col.uuid('created_by').nullable(),
});

/** A submission as stored: its raw fields sealed with its lead's data key (or its own, spam). */
export const submissions = table('submissions', {
  id: col.uuid('id'),
  formKey: col.text('form_key'),
  leadId: col.uuid('lead_id').nullable(),
  status: col.text<'accepted' | 'rejected'>('status'),
  rejectionReason: col.text('rejection_reason').nullable(),
  /**
   * The fields Intake understands, exactly as received (before normalization): JSON sealed with
   * the lead's data key, or the submission's own for rejected spam (no lead). Null once removed:
   * the lead was erased, or retention passed after it closed.
   */
  fields: col.text('fields').nullable(),
  /** Sealed like `fields`. */
  unknownFields: col.text('unknown_fields').nullable(),
  attribution: col.jsonb<object>('attribution'),
  ipHash: col.text('ip_hash').nullable(),
  userAgent: col.text('user_agent').nullable(),
  fillMs: col.integer('fill_ms').nullable(),
  receivedAt: col.timestamptz('received_at'),
});
