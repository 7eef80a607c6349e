import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ConsumerStats {
  /** Distinct events applied to the projections. */
  projected: number;
  /** Distinct events of a type this consumer does not know, skipped. */
  skippedUnknownType: number;
  /** Jumps in a key's sequence: events this consumer never saw. */
  sequenceGaps: number;
  /** Events whose sequence was at or below one already seen for their key. */
  lateEvents: number;
}

/** What the consumer has stored, for the stats endpoint. */
@Injectable()
export class ConsumerStatsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<ConsumerStats> {
    const [row]: Array<Record<keyof ConsumerStats, number>> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM analytics.processed_events WHERE outcome = 'projected')::int AS "projected",
              (SELECT count(*) FROM analytics.processed_events WHERE outcome = 'skipped_unknown_type')::int AS "skippedUnknownType",
              (SELECT coalesce(sum(gaps), 0) FROM analytics.key_sequences)::int AS "sequenceGaps",
              (SELECT coalesce(sum(late), 0) FROM analytics.key_sequences)::int AS "lateEvents"`,
    );
    return row!;
  }
}
