import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ConsumerLag } from '../../infrastructure/kafka/consumer-lag';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';
import { GetConsumerHealthQuery, ConsumerHealth } from './consumer-health.query';

/** Whether the consumer runs, what it reads, and how far behind the figures are. */
@QueryHandler(GetConsumerHealthQuery)
export class GetConsumerHealthHandler implements IQueryHandler<GetConsumerHealthQuery> {
  constructor(
    private readonly consumer: LeadEventsConsumer,
    private readonly lag: ConsumerLag,
  ) {}

  async execute(): Promise<ConsumerHealth> {
    const lag = await this.lag.report();
    const { running, topic, groupId } = this.consumer.status();
    return { running, topic, groupId, lag };
  }
}
