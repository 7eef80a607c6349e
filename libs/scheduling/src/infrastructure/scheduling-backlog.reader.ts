import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { boundedQuery, sql } from '@intake/platform';
import { followUps, routingQueue } from './scheduling.tables';

export interface SchedulingBacklog {
  queued: number;
  unassignable: number;
  oldestQueuedAgeSeconds: number;
  followUpsDue: number;
  followUpsOverdue: number;
}

// routing_queue holds only leads waiting for an owner; follow-ups are counted through the
// partial indexes on open ones (idx_follow_ups_open_due, idx_follow_ups_open_sla).
const BACKLOG = sql<Record<string, never>, SchedulingBacklog>(`
  SELECT q.queued, q.unassignable, q.oldest AS "oldestQueuedAgeSeconds",
         (SELECT count(*)::int FROM ${followUps.name}
           WHERE status = 'open' AND due_at <= now() AND sla_deadline > now()) AS "followUpsDue",
         (SELECT count(*)::int FROM ${followUps.name}
           WHERE status = 'open' AND sla_deadline <= now()) AS "followUpsOverdue"
    FROM (SELECT count(*)::int AS queued,
                 count(*) FILTER (WHERE unassignable_at IS NOT NULL)::int AS unassignable,
                 COALESCE(EXTRACT(EPOCH FROM now() - min(queued_at)), 0)::float8 AS oldest
            FROM ${routingQueue.name}) q`);

/** The routing and follow-up backlog, read at scrape time under a statement timeout. */
@Injectable()
export class SchedulingBacklogReader {
  constructor(private readonly dataSource: DataSource) {}

  async read(timeoutMs: number): Promise<SchedulingBacklog> {
    const rows = await boundedQuery<SchedulingBacklog>(
      this.dataSource,
      timeoutMs,
      BACKLOG.text,
      BACKLOG.values({}),
    );
    return rows[0]!;
  }
}
