import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { deleteInBatches, PeriodicTask, TransactionRunner } from '@intake/platform';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.repository';

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

  prune(): Promise<number> {
    return deleteInBatches(
      this.tx.manager(),
      `DELETE FROM idempotency_keys WHERE (form_key, key) IN (
         SELECT form_key, key FROM idempotency_keys
          WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)`,
      [IDEMPOTENCY_WINDOW_HOURS],
    );
  }
}
