import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { StageRank } from '../domain/funnel-stage';
import { LeadGroupKeys } from '../domain/group-keys';

/** Where a record was read: kept with its event id, for tracing a number back to the topic. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export type ProcessedOutcome = 'projected' | 'skipped_unknown_type';

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
    const rows: unknown[] = await this.tx.requireTransaction().query(
      `INSERT INTO analytics.processed_events
         (event_id, event_type, record_key, outcome, topic, kafka_partition, kafka_offset)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING
       RETURNING 1`,
      [event.eventId, event.type, event.key, outcome, at.topic, at.partition, at.offset],
    );
    return rows.length === 1;
  }

  /**
   * A sequence more than one past the last seen is a gap (events missed); one at or below it is
   * late (a replay with new ids, or out of order). Neither stops processing.
   */
  async trackSequence(key: string, sequence: number): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.key_sequences AS k (record_key, last_sequence, gaps, late)
       VALUES ($1, $2::bigint, CASE WHEN $2::bigint > 1 THEN 1 ELSE 0 END, 0)
       ON CONFLICT (record_key) DO UPDATE SET
         gaps = k.gaps + CASE WHEN EXCLUDED.last_sequence > k.last_sequence + 1 THEN 1 ELSE 0 END,
         late = k.late + CASE WHEN EXCLUDED.last_sequence <= k.last_sequence THEN 1 ELSE 0 END,
         last_sequence = GREATEST(k.last_sequence, EXCLUDED.last_sequence)`,
      [key, sequence],
    );
  }

  /** The first submission's facts are kept; the stage only moves forward. */
  async leadSubmitted(
    leadId: string,
    submittedAt: string,
    keys: LeadGroupKeys,
    stage: StageRank,
  ): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.leads AS l
         (lead_id, submitted_at, source, form_key, state, interest, max_stage)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (lead_id) DO UPDATE SET
         submitted_at = COALESCE(l.submitted_at, EXCLUDED.submitted_at),
         source = COALESCE(l.source, EXCLUDED.source),
         form_key = COALESCE(l.form_key, EXCLUDED.form_key),
         state = COALESCE(l.state, EXCLUDED.state),
         interest = COALESCE(l.interest, EXCLUDED.interest),
         max_stage = GREATEST(l.max_stage, EXCLUDED.max_stage)`,
      [leadId, submittedAt, keys.source, keys.form, keys.state, keys.interest, stage],
    );
  }

  /** A status change before its lead's submission (out of order) leaves a row to fill in later. */
  async stageReached(leadId: string, stage: StageRank): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.leads AS l (lead_id, max_stage) VALUES ($1, $2)
       ON CONFLICT (lead_id) DO UPDATE SET max_stage = GREATEST(l.max_stage, EXCLUDED.max_stage)`,
      [leadId, stage],
    );
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
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.contact_attempts
         (attempt_id, lead_id, attempt_number, outcome, seconds_since_submission, attempted_at, sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (attempt_id) DO NOTHING`,
      [
        attempt.attemptId,
        attempt.leadId,
        attempt.attemptNumber,
        attempt.outcome,
        attempt.secondsSinceSubmission,
        attempt.attemptedAt,
        attempt.sequence,
      ],
    );
  }

  async assigned(assignment: {
    eventId: string;
    leadId: string;
    ownerId: string;
    assignedAt: string;
    sequence: number | null;
  }): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.assignments (event_id, lead_id, owner_id, assigned_at, sequence)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        assignment.eventId,
        assignment.leadId,
        assignment.ownerId,
        assignment.assignedAt,
        assignment.sequence,
      ],
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
    await this.tx.requireTransaction().query(
      `INSERT INTO analytics.crisis_pages AS c
         (page_id, lead_id, submitted_at, paged_at, escalations, acknowledged_at, seconds_to_acknowledge)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (page_id) DO UPDATE SET
         paged_at = COALESCE(c.paged_at, EXCLUDED.paged_at),
         escalations = GREATEST(c.escalations, EXCLUDED.escalations),
         acknowledged_at = COALESCE(c.acknowledged_at, EXCLUDED.acknowledged_at),
         seconds_to_acknowledge = COALESCE(c.seconds_to_acknowledge, EXCLUDED.seconds_to_acknowledge)`,
      [
        page.pageId,
        page.leadId,
        page.submittedAt,
        page.pagedAt ?? null,
        page.escalations ?? 0,
        page.acknowledgedAt ?? null,
        page.secondsToAcknowledge ?? null,
      ],
    );
  }
}
