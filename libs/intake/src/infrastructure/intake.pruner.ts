import { Injectable } from '@nestjs/common';
import { deleteInBatches, PeriodicJob, sql, TransactionRunner } from '@intake/platform';
import { IDEMPOTENCY_WINDOW_HOURS } from './idempotency.repository';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

const DELETE_EXPIRED_KEYS = sql<{ windowHours: number; batch: number }>(
  `DELETE FROM idempotency_keys WHERE (form_key, key) IN (
     SELECT form_key, key FROM idempotency_keys
      WHERE created_at < now() - make_interval(hours => :windowHours) LIMIT :batch)`,
);

/**
 * Deletes idempotency keys past their replay window and rate-limit windows that have ended, so
 * both tables stay the size of a day.
 */
@Injectable()
export class IntakePruner extends PeriodicJob {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly throttleCounters: PostgresThrottlerStorage,
  ) {
    super('IntakePruner', { intervalMs: 15 * 60_000, autoStart: true });
  }

  async runOnce(): Promise<void> {
    await this.pruneIdempotencyKeys();
    await this.pruneThrottleCounters();
  }

  pruneIdempotencyKeys(): Promise<number> {
    return deleteInBatches(this.tx.manager(), DELETE_EXPIRED_KEYS, {
      windowHours: IDEMPOTENCY_WINDOW_HOURS,
    });
  }

  pruneThrottleCounters(): Promise<number> {
    return this.throttleCounters.prune();
  }
}
