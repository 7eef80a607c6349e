import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';
import { GetConsumerStatsQuery, ConsumerStats } from './consumer-stats.query';

/** What the consumer has stored, and what this process dead-lettered, for the stats endpoint. */
@QueryHandler(GetConsumerStatsQuery)
export class GetConsumerStatsHandler implements IQueryHandler<GetConsumerStatsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: LeadEventsConsumer,
  ) {}

  async execute(): Promise<ConsumerStats> {
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
