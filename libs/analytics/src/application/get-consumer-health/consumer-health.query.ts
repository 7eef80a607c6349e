import { Query } from '@nestjs/cqrs';
import type { ConsumerLagReport } from '../../infrastructure/kafka/consumer-lag';

/** Whether the events consumer runs, and how far behind the topic it is. */
export class GetConsumerHealthQuery extends Query<ConsumerHealth> {}

/** The consumer as readiness reports it. */
export interface ConsumerHealth {
  /** Member of its group and fetching. */
  running: boolean;
  topic: string;
  groupId: string;
  /** Null when the broker did not answer in time. */
  lag: ConsumerLagReport | null;
}
