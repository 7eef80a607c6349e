import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInBatches, PeriodicTask } from '@intake/platform';
import { RELAY_OPTIONS, RelayOptions } from './relay-options';

/** Deletes published outbox rows after the retention period; Kafka is the history, not this table. */
@Injectable()
export class OutboxPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
  ) {
    this.task = new PeriodicTask('OutboxPruner', 15 * 60_000, () =>
      this.prune().then(() => undefined),
    );
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /**
   * Returns how many rows it deleted. Whatever it deletes was published before the cutoff, so
   * every event that happened after the cutoff is still here: that is the replay's window.
   */
  async prune(): Promise<number> {
    const deleted = await deleteInBatches(
      this.dataSource.manager,
      `DELETE FROM outbox WHERE seq IN (
         SELECT seq FROM outbox WHERE published_at < now() - make_interval(hours => $1) LIMIT $2)`,
      [this.options.retentionHours],
    );
    if (deleted > 0) {
      await this.dataSource.query(
        `INSERT INTO outbox_retention AS r (singleton, complete_from)
         VALUES (true, now() - make_interval(hours => $1))
         ON CONFLICT (singleton) DO UPDATE
           SET complete_from = GREATEST(r.complete_from, EXCLUDED.complete_from)`,
        [this.options.retentionHours],
      );
    }
    return deleted;
  }
}
