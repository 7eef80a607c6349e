import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { StageRank } from '../domain/funnel-stage';
import { LeadGroupKeys } from '../domain/group-keys';
import {
  assignments,
  contactAttempts,
  crisisPages,
  leads,
  ProcessedOutcome,
  processedEvents,
} from './analytics.tables';

/** Where a record was read: kept with its event id, for tracing a number back to the topic. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export type { ProcessedOutcome } from './analytics.tables';

const PROCESSED = [
  'eventId',
  'eventType',
  'recordKey',
  'outcome',
  'topic',
  'kafkaPartition',
  'kafkaOffset',
] as const;
const MARK_PROCESSED = sql<Record<(typeof PROCESSED)[number], unknown>, unknown>(
  `${processedEvents.insert(PROCESSED)} ON CONFLICT (event_id) DO NOTHING RETURNING 1`,
);
const TRACK_SEQUENCE = sql<{ key: string; sequence: number }>(
  `INSERT INTO analytics.key_sequences AS k (record_key, last_sequence, gaps, late)
   VALUES (:key, :sequence::bigint, CASE WHEN :sequence::bigint > 1 THEN 1 ELSE 0 END, 0)
   ON CONFLICT (record_key) DO UPDATE SET
     gaps = k.gaps + CASE WHEN EXCLUDED.last_sequence > k.last_sequence + 1 THEN 1 ELSE 0 END,
     late = k.late + CASE WHEN EXCLUDED.last_sequence <= k.last_sequence THEN 1 ELSE 0 END,
     last_sequence = GREATEST(k.last_sequence, EXCLUDED.last_sequence)`,
);
const SUBMITTED = [
  'leadId',
  'submittedAt',
  'source',
  'formKey',
  'state',
  'interest',
  'maxStage',
] as const;
const LEAD_SUBMITTED = sql<Record<(typeof SUBMITTED)[number], unknown>>(
  `${leads.insert(SUBMITTED, 'l')}
   ON CONFLICT (lead_id) DO UPDATE SET
     submitted_at = COALESCE(l.submitted_at, EXCLUDED.submitted_at),
     source = COALESCE(l.source, EXCLUDED.source),
     form_key = COALESCE(l.form_key, EXCLUDED.form_key),
     state = COALESCE(l.state, EXCLUDED.state),
     interest = COALESCE(l.interest, EXCLUDED.interest),
     max_stage = GREATEST(l.max_stage, EXCLUDED.max_stage)`,
);
const STAGE_REACHED = sql<{ leadId: string; maxStage: StageRank }>(
  `${leads.insert(['leadId', 'maxStage'], 'l')}
   ON CONFLICT (lead_id) DO UPDATE SET max_stage = GREATEST(l.max_stage, EXCLUDED.max_stage)`,
);
// What could point back at the person (their state, and the treatment they asked about) goes;
// the ids, times, stages and the source stay, so the funnel's counts do not move.
const LEAD_ERASED = sql<{ leadId: string }>(
  `UPDATE analytics.leads SET state = NULL, interest = NULL WHERE lead_id = :leadId`,
);
const CONTACT_ATTEMPTED = sql<Record<string, unknown>>(
  `${contactAttempts.insert()} ON CONFLICT (attempt_id) DO NOTHING`,
);
const ASSIGNED = sql<Record<string, unknown>>(
  `${assignments.insert()} ON CONFLICT (event_id) DO NOTHING`,
);
const CRISIS_PAGE = sql<Record<string, unknown>>(
  `${crisisPages.insert(crisisPages.properties(), 'c')}
   ON CONFLICT (page_id) DO UPDATE SET
     paged_at = COALESCE(c.paged_at, EXCLUDED.paged_at),
     escalations = GREATEST(c.escalations, EXCLUDED.escalations),
     acknowledged_at = COALESCE(c.acknowledged_at, EXCLUDED.acknowledged_at),
     seconds_to_acknowledge = COALESCE(c.seconds_to_acknowledge, EXCLUDED.seconds_to_acknowledge)`,
);

/** The analytics tables' writes; each must run inside the record's one transaction. */
@Injectable()
export class ProjectionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** False when the event was processed before: the caller skips it. */
  async markProcessed(
    event: { eventId: string; type: string; key: string },
    outcome: ProcessedOutcome,
    at: RecordPosition,
  ): Promise<boolean> {
    const rows = await MARK_PROCESSED.rows(
      this.tx.requireTransaction(),
      processedEvents.params(PROCESSED, {
        eventId: event.eventId,
        eventType: event.type,
        recordKey: event.key,
        outcome,
        topic: at.topic,
        kafkaPartition: at.partition,
        kafkaOffset: at.offset,
      }),
    );
    return rows.length === 1;
  }

  /**
   * A sequence more than one past the last seen is a gap (events missed); one at or below it is
   * late (a replay with new ids, or out of order). Neither stops processing.
   */
  async trackSequence(key: string, sequence: number): Promise<void> {
    await TRACK_SEQUENCE.execute(this.tx.requireTransaction(), { key, sequence });
  }

  /** The first submission's facts are kept; the stage only moves forward. */
  async leadSubmitted(
    leadId: string,
    submittedAt: string,
    keys: LeadGroupKeys,
    stage: StageRank,
  ): Promise<void> {
    await LEAD_SUBMITTED.execute(
      this.tx.requireTransaction(),
      leads.params(SUBMITTED, {
        leadId,
        submittedAt,
        source: keys.source,
        formKey: keys.form,
        state: keys.state,
        interest: keys.interest,
        maxStage: stage,
      }),
    );
  }

  /** A status change before its lead's submission (out of order) leaves a row to fill in later. */
  async stageReached(leadId: string, stage: StageRank): Promise<void> {
    await STAGE_REACHED.execute(this.tx.requireTransaction(), { leadId, maxStage: stage });
  }

  /** `lead.erased`: the lead's row keeps its figures and loses what describes the person. */
  async leadErased(leadId: string): Promise<void> {
    await LEAD_ERASED.execute(this.tx.requireTransaction(), { leadId });
  }

  async contactAttempted(attempt: {
    attemptId: string;
    leadId: string;
    attemptNumber: number;
    outcome: string;
    secondsSinceSubmission: number;
    attemptedAt: string;
    sequence: number | null;
  }): Promise<void> {
    await CONTACT_ATTEMPTED.execute(
      this.tx.requireTransaction(),
      contactAttempts.params(contactAttempts.properties(), attempt),
    );
  }

  async assigned(assignment: {
    eventId: string;
    leadId: string;
    ownerId: string;
    assignedAt: string;
    sequence: number | null;
  }): Promise<void> {
    await ASSIGNED.execute(
      this.tx.requireTransaction(),
      assignments.params(assignments.properties(), assignment),
    );
  }

  /** The crisis clock: each crisis event fills in its own columns of the page's row. */
  async crisisPage(page: {
    pageId: string;
    leadId: string;
    submittedAt: string;
    pagedAt?: string;
    escalations?: number;
    acknowledgedAt?: string;
    secondsToAcknowledge?: number;
  }): Promise<void> {
    await CRISIS_PAGE.execute(
      this.tx.requireTransaction(),
      crisisPages.params(crisisPages.properties(), {
        pageId: page.pageId,
        leadId: page.leadId,
        submittedAt: page.submittedAt,
        pagedAt: page.pagedAt ?? null,
        escalations: page.escalations ?? 0,
        acknowledgedAt: page.acknowledgedAt ?? null,
        secondsToAcknowledge: page.secondsToAcknowledge ?? null,
      }),
    );
  }
}
