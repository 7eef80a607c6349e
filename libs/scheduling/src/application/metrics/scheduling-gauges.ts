import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { boundedQuery, Metrics } from '@intake/platform';

interface SchedulingBacklog {
  queued: number;
  unassignable: number;
  oldestQueuedAgeSeconds: number;
  followUpsDue: number;
  followUpsOverdue: number;
}

// routing_queue holds only leads waiting for an owner; follow-ups are counted through the
// partial indexes on open ones (idx_follow_ups_open_due, idx_follow_ups_open_sla).
const BACKLOG = `
  SELECT q.queued, q.unassignable, q.oldest AS "oldestQueuedAgeSeconds",
         (SELECT count(*)::int FROM follow_ups
           WHERE status = 'open' AND due_at <= now() AND sla_deadline > now()) AS "followUpsDue",
         (SELECT count(*)::int FROM follow_ups
           WHERE status = 'open' AND sla_deadline <= now()) AS "followUpsOverdue"
    FROM (SELECT count(*)::int AS queued,
                 count(*) FILTER (WHERE unassignable_at IS NOT NULL)::int AS unassignable,
                 COALESCE(EXTRACT(EPOCH FROM now() - min(queued_at)), 0)::float8 AS oldest
            FROM routing_queue) q`;

/**
 * The routing and follow-up gauges, read at scrape time from the database. Registered with the
 * worker's jobs only, so scraping any number of API instances neither repeats nor multiplies them.
 */
@Injectable()
export class SchedulingGauges {
  constructor(metrics: Metrics, dataSource: DataSource) {
    const read = async () =>
      (await boundedQuery<SchedulingBacklog>(dataSource, 2_000, BACKLOG))[0]!;
    metrics.sampledGauges('scheduling', read, [
      {
        name: 'intake_routing_queue_depth',
        help: 'Open leads waiting for an owner (new, reopened, or nobody available yet).',
        value: (b) => b.queued,
      },
      {
        name: 'intake_routing_queue_unassignable',
        help: 'Waiting leads announced as unassignable (lead.unassignable): nobody eligible, or an urgent lead nobody is working for.',
        value: (b) => b.unassignable,
      },
      {
        name: 'intake_routing_queue_oldest_age_seconds',
        help: 'How long the longest-waiting lead has been in the routing queue; 0 when empty.',
        value: (b) => b.oldestQueuedAgeSeconds,
      },
      {
        name: 'intake_followups_due',
        help: 'Open follow-ups whose time has come, still within their SLA deadline.',
        value: (b) => b.followUpsDue,
      },
      {
        name: 'intake_followups_overdue',
        help: 'Open follow-ups past their SLA deadline.',
        value: (b) => b.followUpsOverdue,
      },
    ]);
  }
}
