import { col, table } from '@intake/platform';

/**
 * The outbox's tables as its SQL reads and writes them (intake's Init migration, then
 * EventContracts and ParkedEvents): the column maps of the typed
 * SQL layer, checked against the database by test/schema.e2e-spec.ts. Indexes, all on unpublished
 * rows so they stay small: `idx_outbox_unpublished (seq)` and `idx_outbox_unpublished_key
 * (partition_key, seq)`; `uq_outbox_key_sequence (partition_key, sequence)`, one number per event
 * of a key, is also how a replay finds one lead's events.
 */

export const outbox = table('outbox', {
  seq: col.bigint('seq'),
  id: col.uuid('id'),
  type: col.text('type'),
  partitionKey: col.text('partition_key'),
  subject: col.text('subject'),
  /**
   * The event's place among its key's events: 1, 2, 3… (the envelope's `sequence`), given by the
   * relay when it first sends the event, so it follows the topic's order; null until then.
   */
  sequence: col.bigint('sequence').nullable(),
  source: col.text('source'),
  payload: col.jsonb<object>('payload'),
  occurredAt: col.timestamptz('occurred_at'),
  createdAt: col.timestamptz('created_at'),
  publishedAt: col.timestamptz('published_at').nullable(),
  attempts: col.integer('attempts'),
  nextAttemptAt: col.timestamptz('next_attempt_at'),
  lastError: col.text('last_error').nullable(),
  /**
   * When the relay gave up on a record the broker kept refusing (RELAY_MAX_ATTEMPTS); a parked
   * record holds nothing back, and waits for `outbox:redrive` or `outbox:discard`.
   */
  parkedAt: col.timestamptz('parked_at').nullable(),
  /** Why, as a code: `KAFKA.<the broker's error type>`, e.g. `KAFKA.MESSAGE_TOO_LARGE`. */
  parkedReason: col.text('parked_reason').nullable(),
});

/**
 * The last sequence number given to each key's events; outlives the outbox rows it numbered. A
 * rejected submission's key has one event ever (sequence 1) and no row here.
 */
export const eventSequences = table('event_sequences', {
  streamKey: col.text('stream_key'),
  lastSequence: col.bigint('last_sequence'),
});

/**
 * How far the pruner has deleted: every published event that happened at or after
 * `complete_from` is still in the outbox, so a replay from then on misses nothing. One row.
 */
export const outboxRetention = table('outbox_retention', {
  singleton: col.boolean('singleton'),
  completeFrom: col.timestamptz('complete_from'),
});

/** The outbox columns that make an `OutboxRecord` (what the relay sends). */
export const OUTBOX_RECORD = [
  'seq',
  'id',
  'type',
  'partitionKey',
  'subject',
  'sequence',
  'source',
  'payload',
  'occurredAt',
] as const;
