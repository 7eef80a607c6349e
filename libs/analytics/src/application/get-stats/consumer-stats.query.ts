import { Query } from '@nestjs/cqrs';

/** What the events consumer has done: events, duplicates, dead letters. */
export class GetConsumerStatsQuery extends Query<ConsumerStats> {}

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
