import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';
import { AnalyticsReadModel } from '../analytics-read-model';
import { GetConsumerStatsQuery, ConsumerStats } from './consumer-stats.query';

/** What the consumer has stored, and what this process dead-lettered, for the stats endpoint. */
@QueryHandler(GetConsumerStatsQuery)
export class GetConsumerStatsHandler implements IQueryHandler<GetConsumerStatsQuery> {
  constructor(
    private readonly readModel: AnalyticsReadModel,
    private readonly consumer: LeadEventsConsumer,
  ) {}

  async execute(): Promise<ConsumerStats> {
    const { deadLettered } = this.consumer.status();
    const counts = await this.readModel.projectionCounts();
    return { ...counts, deadLetteredSinceStart: deadLettered };
  }
}
