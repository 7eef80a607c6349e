import { Injectable } from '@nestjs/common';
import { Metrics } from '@intake/platform';
import { SchedulingBacklogReader } from '../../infrastructure/scheduling-backlog.reader';

/**
 * The routing and follow-up gauges, read at scrape time from the database. Registered with the
 * worker's jobs only, so scraping any number of API instances neither repeats nor multiplies them.
 */
@Injectable()
export class SchedulingGauges {
  constructor(metrics: Metrics, backlog: SchedulingBacklogReader) {
    const read = () => backlog.read(2_000);
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
