import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { boundedQuery, Metrics } from '@intake/platform';

export interface OutboxBacklog {
  /** Records not yet published, parked ones aside. */
  unpublished: number;
  /** Age of the oldest of them (since its write committed); 0 when there is none. */
  oldestUnpublishedAgeSeconds: number;
  /** Records the relay gave up on, waiting for `outbox:redrive` or `outbox:discard`. */
  parked: number;
}

// Both read only unpublished rows through the partial index idx_outbox_unpublished (seq), which
// stays small however long the table grows; the oldest is the first by seq, not a scan.
const BACKLOG = `
  SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS unpublished,
         count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
         COALESCE(EXTRACT(EPOCH FROM now() - (
           SELECT created_at FROM outbox
            WHERE published_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT 1)), 0)::float8
           AS "oldestUnpublishedAgeSeconds"
    FROM outbox WHERE published_at IS NULL`;

/** The outbox's backlog, for the worker's gauges and health. */
@Injectable()
export class OutboxStats {
  constructor(private readonly dataSource: DataSource) {}

  async backlog(timeoutMs = 2_000): Promise<OutboxBacklog> {
    const [row] = await boundedQuery<OutboxBacklog>(this.dataSource, timeoutMs, BACKLOG);
    return row!;
  }
}

/**
 * The outbox gauges, read at scrape time from the database. Registered by the worker only (the
 * relay's module), so scraping any number of API instances neither repeats nor multiplies them.
 */
@Injectable()
export class OutboxGauges {
  constructor(metrics: Metrics, stats: OutboxStats) {
    metrics.sampledGauges('outbox', () => stats.backlog(), [
      {
        name: 'intake_outbox_unpublished_events',
        help: 'Outbox records not yet on Kafka (parked ones aside), across all workers.',
        value: (b) => b.unpublished,
      },
      {
        name: 'intake_outbox_oldest_unpublished_age_seconds',
        help: 'Age of the oldest outbox record not yet on Kafka (parked ones aside); 0 when none.',
        value: (b) => b.oldestUnpublishedAgeSeconds,
      },
      {
        name: 'intake_outbox_parked_events',
        help: 'Outbox records the relay parked, waiting for outbox:redrive or outbox:discard.',
        value: (b) => b.parked,
      },
    ]);
  }
}
