import { col, table } from '@intake/platform';
import { StageRank } from '../domain/funnel-stage';

/**
 * The analytics schema's tables as the projections write them and the read models read them
 * (migrations AnalyticsInit1797000000000, CrisisClock1797100000000): the column maps of the typed
 * SQL layer, checked against the database by test/schema.e2e-spec.ts.
 */

export type ProcessedOutcome = 'projected' | 'skipped_unknown_type';

export const processedEvents = table('analytics.processed_events', {
  eventId: col.text('event_id'),
  eventType: col.text('event_type'),
  recordKey: col.text('record_key'),
  outcome: col.text<ProcessedOutcome>('outcome'),
  topic: col.text('topic'),
  kafkaPartition: col.integer('kafka_partition'),
  kafkaOffset: col.bigint('kafka_offset'),
  processedAt: col.timestamptz('processed_at'),
});

export const keySequences = table('analytics.key_sequences', {
  recordKey: col.text('record_key'),
  lastSequence: col.bigint('last_sequence'),
  gaps: col.integer('gaps'),
  late: col.integer('late'),
});

export const leads = table('analytics.leads', {
  leadId: col.uuid('lead_id'),
  submittedAt: col.timestamptz('submitted_at').nullable(),
  source: col.text('source').nullable(),
  formKey: col.text('form_key').nullable(),
  state: col.text('state').nullable(),
  interest: col.text('interest').nullable(),
  maxStage: col.smallint<StageRank>('max_stage'),
});

export const contactAttempts = table('analytics.contact_attempts', {
  attemptId: col.uuid('attempt_id'),
  leadId: col.uuid('lead_id'),
  attemptNumber: col.bigint('attempt_number'),
  outcome: col.text('outcome'),
  secondsSinceSubmission: col.bigint('seconds_since_submission'),
  attemptedAt: col.timestamptz('attempted_at'),
  sequence: col.bigint('sequence').nullable(),
});

export const assignments = table('analytics.assignments', {
  eventId: col.text('event_id'),
  leadId: col.uuid('lead_id'),
  ownerId: col.uuid('owner_id'),
  assignedAt: col.timestamptz('assigned_at'),
  sequence: col.bigint('sequence').nullable(),
});

export const crisisPages = table('analytics.crisis_pages', {
  pageId: col.uuid('page_id'),
  leadId: col.uuid('lead_id'),
  submittedAt: col.timestamptz('submitted_at'),
  pagedAt: col.timestamptz('paged_at').nullable(),
  escalations: col.integer('escalations'),
  acknowledgedAt: col.timestamptz('acknowledged_at').nullable(),
  secondsToAcknowledge: col.bigint('seconds_to_acknowledge').nullable(),
});
