import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one transaction helper. Work run inside `run` sees the same EntityManager through
 * `manager()`, so repositories of several contexts join one transaction without passing it.
 */
// deadlock_detected, serialization_failure
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

@Injectable()
export class TransactionRunner {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction, or in the caller's if there is one. A deadlock or
   * serialization failure rolls everything back, so the work is run again, a few times at most.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => this.current.run(manager, work));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? ''))
          throw error;
      }
    }
  }

  /** The transaction's manager inside `run`, the pool's manager outside it. */
  manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  /** For writes that are only correct inside a transaction (locks, outbox rows). */
  requireTransaction(): EntityManager {
    const manager = this.current.getStore();
    if (!manager) throw new Error('This write must run inside TransactionRunner.run');
    return manager;
  }
}
