import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { deleteInBatches, PeriodicTask, TransactionRunner } from '@intake/platform';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.repository';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

/**
 * Deletes idempotency keys past their replay window and rate-limit windows that have ended, so
 * both tables stay the size of a day.
 */
@Injectable()
export class IntakePruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('IntakePruner', 15 * 60_000, async () => {
    await this.pruneIdempotencyKeys();
    await this.pruneThrottleCounters();
  });

  constructor(
    private readonly tx: TransactionRunner,
    private readonly throttleCounters: PostgresThrottlerStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  pruneIdempotencyKeys(): Promise<number> {
    return deleteInBatches(
      this.tx.manager(),
      `DELETE FROM idempotency_keys WHERE (form_key, key) IN (
         SELECT form_key, key FROM idempotency_keys
          WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)`,
      [IDEMPOTENCY_WINDOW_HOURS],
    );
  }

  pruneThrottleCounters(): Promise<number> {
    return this.throttleCounters.prune();
  }
}
