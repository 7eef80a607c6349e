import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import type { FunnelGroup } from '../domain/group-keys';
import type { ReportingWindow } from '../domain/reporting-window';
import {
  AnalyticsReadModel,
  CrisisClockFigures,
  FunnelCounts,
  ProjectionCounts,
  SpeedToLeadFigures,
} from '../application/analytics-read-model';
import {
  assignments,
  contactAttempts,
  crisisPages,
  keySequences,
  leads,
  processedEvents,
} from './analytics.tables';

// The only text that reaches the SQL from a request is one of these whitelisted columns.
const GROUP_COLUMN: Readonly<Record<FunnelGroup, string>> = {
  source: leads.col('source'),
  form: leads.col('formKey'),
  state: leads.col('state'),
  interest: leads.col('interest'),
};

const funnelStatement = (column: string | null) => {
  // One row per group plus the total (the empty grouping set), or the total alone.
  const [key, isTotal, grouping] = column
    ? [column, `GROUPING(${column}) = 1`, `GROUP BY GROUPING SETS ((${column}), ())`]
    : ['NULL::text', 'true', ''];
  return sql<ReportingWindow, FunnelCounts>(
    `SELECT ${key} AS key, ${isTotal} AS "isTotal",
            count(*)::int AS submitted,
            count(*) FILTER (WHERE max_stage >= 1)::int AS contacted,
            count(*) FILTER (WHERE max_stage >= 2)::int AS "consultScheduled",
            count(*) FILTER (WHERE max_stage >= 3)::int AS converted
       FROM ${leads.name}
      WHERE submitted_at >= :from AND submitted_at < :to
      ${grouping}`,
  );
};
const FUNNEL_TOTAL = funnelStatement(null);
const FUNNEL_BY = Object.fromEntries(
  Object.entries(GROUP_COLUMN).map(([group, column]) => [group, funnelStatement(column)]),
) as Record<FunnelGroup, typeof FUNNEL_TOTAL>;

/**
 * Per lead submitted in the window: its first attempt (lowest attempt number) and first reach
 * (lowest attempt number with outcome `reached`), each with the `secondsSinceSubmission` the
 * event carried. The coordinator is the lead's owner at its first attempt: the last assignment
 * before it (by sequence, or by time where a producer sent no sequence); for a lead never
 * attempted, its latest assignment. `percentile_disc` is the nearest-rank percentile; it is cast
 * to float8 as node-postgres returns a bigint as a string (float8 is exact up to 2^53 seconds).
 */
const SPEED_TO_LEAD = sql<ReportingWindow & { within: number }, SpeedToLeadFigures>(`
WITH window_leads AS (
  SELECT lead_id FROM ${leads.name} WHERE submitted_at >= :from AND submitted_at < :to
), first_attempt AS (
  SELECT DISTINCT ON (a.lead_id) a.lead_id, a.seconds_since_submission AS seconds,
         a.sequence, a.attempted_at
    FROM ${contactAttempts.name} a JOIN window_leads w USING (lead_id)
   ORDER BY a.lead_id, a.attempt_number, a.attempted_at
), first_reach AS (
  SELECT DISTINCT ON (a.lead_id) a.lead_id, a.seconds_since_submission AS seconds
    FROM ${contactAttempts.name} a JOIN window_leads w USING (lead_id)
   WHERE a.outcome = 'reached'
   ORDER BY a.lead_id, a.attempt_number, a.attempted_at
), per_lead AS (
  SELECT w.lead_id, fa.seconds AS attempt_seconds, fr.seconds AS reach_seconds,
         CASE WHEN fa.lead_id IS NULL THEN (
           SELECT s.owner_id FROM ${assignments.name} s
            WHERE s.lead_id = w.lead_id
            ORDER BY s.sequence DESC NULLS LAST, s.assigned_at DESC LIMIT 1
         ) ELSE (
           SELECT s.owner_id FROM ${assignments.name} s
            WHERE s.lead_id = w.lead_id
              AND CASE WHEN s.sequence IS NOT NULL AND fa.sequence IS NOT NULL
                       THEN s.sequence < fa.sequence
                       ELSE s.assigned_at <= fa.attempted_at END
            ORDER BY s.sequence DESC NULLS LAST, s.assigned_at DESC LIMIT 1
         ) END AS coordinator_id
    FROM window_leads w
    LEFT JOIN first_attempt fa USING (lead_id)
    LEFT JOIN first_reach fr USING (lead_id)
)
SELECT coordinator_id AS "coordinatorId", GROUPING(coordinator_id) = 1 AS "isTotal",
       count(*)::int AS leads,
       count(attempt_seconds)::int AS attempted,
       count(reach_seconds)::int AS reached,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY attempt_seconds)::float8 AS "attemptP50",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY attempt_seconds)::float8 AS "attemptP90",
       count(*) FILTER (WHERE attempt_seconds <= :within)::int AS "attemptWithin",
       percentile_disc(0.5) WITHIN GROUP (ORDER BY reach_seconds)::float8 AS "reachP50",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY reach_seconds)::float8 AS "reachP90",
       count(*) FILTER (WHERE reach_seconds <= :within)::int AS "reachWithin"
  FROM per_lead
 GROUP BY GROUPING SETS ((coordinator_id), ())`);

const CRISIS_CLOCK = sql<ReportingWindow & { within: number }, CrisisClockFigures>(`
WITH pages AS (
  SELECT page_id, lead_id, submitted_at, escalations, seconds_to_acknowledge
    FROM ${crisisPages.name} WHERE submitted_at >= :from AND submitted_at < :to
), per_page AS (
  SELECT p.*, (
    SELECT floor(extract(epoch FROM min(a.attempted_at) - p.submitted_at))
      FROM ${contactAttempts.name} a
     WHERE a.lead_id = p.lead_id AND a.attempted_at >= p.submitted_at
  ) AS contact_seconds
    FROM pages p
)
SELECT count(*)::int AS pages,
       count(seconds_to_acknowledge)::int AS acknowledged,
       count(*) FILTER (WHERE escalations > 0)::int AS escalated,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds_to_acknowledge)::float8 AS "ackP50",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY seconds_to_acknowledge)::float8 AS "ackP90",
       count(*) FILTER (WHERE seconds_to_acknowledge <= :within)::int AS "ackWithin",
       percentile_disc(0.5) WITHIN GROUP (ORDER BY contact_seconds)::float8 AS "contactP50",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY contact_seconds)::float8 AS "contactP90",
       count(*) FILTER (WHERE contact_seconds <= :within)::int AS "contactWithin"
  FROM per_page`);

const PROJECTION_COUNTS = sql<Record<string, never>, ProjectionCounts>(
  `SELECT (SELECT count(*) FROM ${processedEvents.name} WHERE outcome = 'projected')::int AS "projected",
          (SELECT count(*) FROM ${processedEvents.name} WHERE outcome = 'skipped_unknown_type')::int AS "skippedUnknownType",
          (SELECT coalesce(sum(gaps), 0) FROM ${keySequences.name})::int AS "sequenceGaps",
          (SELECT coalesce(sum(late), 0) FROM ${keySequences.name})::int AS "lateEvents"`,
);

/** The reports' SQL over the analytics schema. */
@Injectable()
export class PgAnalyticsReadModel extends AnalyticsReadModel {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  funnel(window: ReportingWindow, groupBy: FunnelGroup | null): Promise<FunnelCounts[]> {
    const statement = groupBy ? FUNNEL_BY[groupBy] : FUNNEL_TOTAL;
    return statement.rows(this.tx.manager(), window);
  }

  speedToLead(window: ReportingWindow, withinSeconds: number): Promise<SpeedToLeadFigures[]> {
    return SPEED_TO_LEAD.rows(this.tx.manager(), { ...window, within: withinSeconds });
  }

  async crisisClock(window: ReportingWindow, withinSeconds: number): Promise<CrisisClockFigures> {
    const row = await CRISIS_CLOCK.one(this.tx.manager(), { ...window, within: withinSeconds });
    // Aggregates without GROUP BY always yield one row.
    return row!;
  }

  async projectionCounts(): Promise<ProjectionCounts> {
    return (await PROJECTION_COUNTS.one(this.tx.manager(), {}))!;
  }
}
