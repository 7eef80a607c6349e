import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { share } from '../../domain/percentile';
import { GetSpeedToLeadQuery, SpeedToLeadRow, SpeedToLead } from './speed-to-lead.query';

/** 5 minutes: the share of leads attempted (or reached) within it is the headline figure. */
export const WITHIN_SECONDS = 300;

interface Row {
  coordinator_id: string | null;
  is_total: boolean;
  leads: number;
  attempted: number;
  reached: number;
  attempt_p50: number | null;
  attempt_p90: number | null;
  attempt_within: number;
  reach_p50: number | null;
  reach_p90: number | null;
  reach_within: number;
}

/**
 * Per lead submitted in the window: its first attempt (lowest attempt number) and first reach
 * (lowest attempt number with outcome `reached`), each with the `secondsSinceSubmission` the
 * event carried. The coordinator is the lead's owner at its first attempt: the last assignment
 * before it (by sequence, or by time where a producer sent no sequence); for a lead never
 * attempted, its latest assignment. `percentile_disc` is the nearest-rank percentile; it is cast
 * to float8 as node-postgres returns a bigint as a string (float8 is exact up to 2^53 seconds).
 */
const SQL = `
WITH window_leads AS (
  SELECT lead_id FROM analytics.leads WHERE submitted_at >= $1 AND submitted_at < $2
), first_attempt AS (
  SELECT DISTINCT ON (a.lead_id) a.lead_id, a.seconds_since_submission AS seconds,
         a.sequence, a.attempted_at
    FROM analytics.contact_attempts a JOIN window_leads w USING (lead_id)
   ORDER BY a.lead_id, a.attempt_number, a.attempted_at
), first_reach AS (
  SELECT DISTINCT ON (a.lead_id) a.lead_id, a.seconds_since_submission AS seconds
    FROM analytics.contact_attempts a JOIN window_leads w USING (lead_id)
   WHERE a.outcome = 'reached'
   ORDER BY a.lead_id, a.attempt_number, a.attempted_at
), per_lead AS (
  SELECT w.lead_id, fa.seconds AS attempt_seconds, fr.seconds AS reach_seconds,
         CASE WHEN fa.lead_id IS NULL THEN (
           SELECT s.owner_id FROM analytics.assignments s
            WHERE s.lead_id = w.lead_id
            ORDER BY s.sequence DESC NULLS LAST, s.assigned_at DESC LIMIT 1
         ) ELSE (
           SELECT s.owner_id FROM analytics.assignments s
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
SELECT coordinator_id, GROUPING(coordinator_id) = 1 AS is_total,
       count(*)::int AS leads,
       count(attempt_seconds)::int AS attempted,
       count(reach_seconds)::int AS reached,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY attempt_seconds)::float8 AS attempt_p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY attempt_seconds)::float8 AS attempt_p90,
       count(*) FILTER (WHERE attempt_seconds <= ${WITHIN_SECONDS})::int AS attempt_within,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY reach_seconds)::float8 AS reach_p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY reach_seconds)::float8 AS reach_p90,
       count(*) FILTER (WHERE reach_seconds <= ${WITHIN_SECONDS})::int AS reach_within
  FROM per_lead
 GROUP BY GROUPING SETS ((coordinator_id), ())`;

const CRISIS_SQL = `
WITH pages AS (
  SELECT page_id, lead_id, submitted_at, escalations, seconds_to_acknowledge
    FROM analytics.crisis_pages WHERE submitted_at >= $1 AND submitted_at < $2
), per_page AS (
  SELECT p.*, (
    SELECT floor(extract(epoch FROM min(a.attempted_at) - p.submitted_at))
      FROM analytics.contact_attempts a
     WHERE a.lead_id = p.lead_id AND a.attempted_at >= p.submitted_at
  ) AS contact_seconds
    FROM pages p
)
SELECT count(*)::int AS pages,
       count(seconds_to_acknowledge)::int AS acknowledged,
       count(*) FILTER (WHERE escalations > 0)::int AS escalated,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY seconds_to_acknowledge)::float8 AS ack_p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY seconds_to_acknowledge)::float8 AS ack_p90,
       count(*) FILTER (WHERE seconds_to_acknowledge <= ${WITHIN_SECONDS})::int AS ack_within,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY contact_seconds)::float8 AS contact_p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY contact_seconds)::float8 AS contact_p90,
       count(*) FILTER (WHERE contact_seconds <= ${WITHIN_SECONDS})::int AS contact_within
  FROM per_page`;

interface CrisisRow {
  pages: number;
  acknowledged: number;
  escalated: number;
  ack_p50: number | null;
  ack_p90: number | null;
  ack_within: number;
  contact_p50: number | null;
  contact_p90: number | null;
  contact_within: number;
}

/** Time to first attempt and first reach, overall and per coordinator; the crisis clock. */
@QueryHandler(GetSpeedToLeadQuery)
export class GetSpeedToLeadHandler implements IQueryHandler<GetSpeedToLeadQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ props: { window } }: GetSpeedToLeadQuery): Promise<SpeedToLead> {
    const rows: Row[] = await this.dataSource.query(SQL, [window.from, window.to]);
    const total = rows.find((r) => r.is_total)!;
    const [c]: CrisisRow[] = await this.dataSource.query(CRISIS_SQL, [window.from, window.to]);
    return {
      overall: toRow(total),
      crisis: {
        pages: c.pages,
        acknowledged: c.acknowledged,
        escalated: c.escalated,
        toAcknowledge: {
          p50Seconds: c.ack_p50,
          p90Seconds: c.ack_p90,
          withinFiveMinutes: share(c.ack_within, c.pages),
        },
        toFirstContact: {
          p50Seconds: c.contact_p50,
          p90Seconds: c.contact_p90,
          withinFiveMinutes: share(c.contact_within, c.pages),
        },
      },
      byCoordinator: rows
        .filter((r) => !r.is_total)
        .map((r) => ({ coordinatorId: r.coordinator_id, ...toRow(r) }))
        // Busiest first; the unassigned row last.
        .sort(
          (a, b) =>
            Number(a.coordinatorId === null) - Number(b.coordinatorId === null) ||
            b.leads - a.leads ||
            (a.coordinatorId ?? '').localeCompare(b.coordinatorId ?? ''),
        ),
    };
  }
}

function toRow(r: Row): SpeedToLeadRow {
  return {
    leads: r.leads,
    attempted: r.attempted,
    reached: r.reached,
    firstAttempt: {
      p50Seconds: r.attempt_p50,
      p90Seconds: r.attempt_p90,
      withinFiveMinutes: share(r.attempt_within, r.leads),
    },
    firstReach: {
      p50Seconds: r.reach_p50,
      p90Seconds: r.reach_p90,
      withinFiveMinutes: share(r.reach_within, r.leads),
    },
  };
}
