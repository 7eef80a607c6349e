import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, TransactionRunner } from '@intake/platform';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.repository';

const BATCH = 5000;

/** Deletes idempotency keys past their replay window, so the table stays the size of a day. */
@Injectable()
export class IdempotencyKeyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('IdempotencyKeyPruner', 15 * 60_000, () =>
    this.prune().then(() => undefined),
  );

  constructor(private readonly tx: TransactionRunner) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted]: [unknown, number] = await this.tx.manager().query(
        `DELETE FROM idempotency_keys WHERE (form_key, key) IN (
           SELECT form_key, key FROM idempotency_keys
            WHERE created_at < now() - make_interval(hours => $1)
            LIMIT $2)`,
        [IDEMPOTENCY_WINDOW_HOURS, BATCH],
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
