import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';

export interface ConsumerStats {
  /** Distinct events applied to the projections. */
  projected: number;
  /** Distinct events of a type this consumer does not know, skipped. */
  skippedUnknownType: number;
  /** Jumps in a key's sequence: events this consumer never saw. */
  sequenceGaps: number;
  /** Events whose sequence was at or below one already seen for their key. */
  lateEvents: number;
  /** Records this process sent to the dead-letter topic since it started. */
  deadLetteredSinceStart: number;
}

/** What the consumer has stored, and what this process dead-lettered, for the stats endpoint. */
@Injectable()
export class ConsumerStatsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: LeadEventsConsumer,
  ) {}

  async run(): Promise<ConsumerStats> {
    const { deadLettered } = this.consumer.status();
    const [row]: Array<Omit<ConsumerStats, 'deadLetteredSinceStart'>> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM analytics.processed_events WHERE outcome = 'projected')::int AS "projected",
              (SELECT count(*) FROM analytics.processed_events WHERE outcome = 'skipped_unknown_type')::int AS "skippedUnknownType",
              (SELECT coalesce(sum(gaps), 0) FROM analytics.key_sequences)::int AS "sequenceGaps",
              (SELECT coalesce(sum(late), 0) FROM analytics.key_sequences)::int AS "lateEvents"`,
    );
    return { ...row!, deadLetteredSinceStart: deadLettered };
  }
}
