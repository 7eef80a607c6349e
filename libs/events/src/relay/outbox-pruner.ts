import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInBatches, PeriodicJob, sql } from '@intake/platform';
import { RELAY_OPTIONS, RelayOptions } from './relay-options';

const DELETE_PUBLISHED = sql<{ retentionHours: number; batch: number }>(
  `DELETE FROM outbox WHERE seq IN (
     SELECT seq FROM outbox WHERE published_at < now() - make_interval(hours => :retentionHours)
      LIMIT :batch)`,
);

const RECORD_RETENTION = sql<{ retentionHours: number }>(
  `INSERT INTO outbox_retention AS r (singleton, complete_from)
   VALUES (true, now() - make_interval(hours => :retentionHours))
   ON CONFLICT (singleton) DO UPDATE
     SET complete_from = GREATEST(r.complete_from, EXCLUDED.complete_from)`,
);

/** Deletes published outbox rows after the retention period; Kafka is the history, not this table. */
@Injectable()
export class OutboxPruner extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
  ) {
    super('OutboxPruner', { intervalMs: 15 * 60_000, autoStart: options.autoStart });
  }

  runOnce(): Promise<number> {
    return this.prune();
  }

  /**
   * Returns how many rows it deleted. Whatever it deletes was published before the cutoff, so
   * every event that happened after the cutoff is still here: that is the replay's window.
   */
  async prune(): Promise<number> {
    const { retentionHours } = this.options;
    const deleted = await deleteInBatches(this.dataSource.manager, DELETE_PUBLISHED, {
      retentionHours,
    });
    if (deleted > 0) await RECORD_RETENTION.execute(this.dataSource.manager, { retentionHours });
    return deleted;
  }
}
