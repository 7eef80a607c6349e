import type { ConsentKind } from '@intake/kernel';
import { col, table } from '@intake/platform';

/**
 * Intake's tables that only its SQL reads and writes (migrations Init, SubmissionLimits and
 * ConsentWordings): the column maps of the typed SQL layer, checked against the database by
 * test/schema.e2e-spec.ts. Forms and submissions have entities.
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
