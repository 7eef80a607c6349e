import { Injectable } from '@nestjs/common';
import { ConsumerLag, ConsumerLagReport } from '../../infrastructure/kafka/consumer-lag';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';

/** The consumer as readiness reports it. */
export interface ConsumerHealth {
  /** Member of its group and fetching. */
  running: boolean;
  topic: string;
  groupId: string;
  /** Null when the broker did not answer in time. */
  lag: ConsumerLagReport | null;
}

/** Whether the consumer runs, what it reads, and how far behind the figures are. */
@Injectable()
export class ConsumerHealthQuery {
  constructor(
    private readonly consumer: LeadEventsConsumer,
    private readonly lag: ConsumerLag,
  ) {}

  async run(): Promise<ConsumerHealth> {
    const lag = await this.lag.report();
    const { running, topic, groupId } = this.consumer.status();
    return { running, topic, groupId, lag };
  }
}
