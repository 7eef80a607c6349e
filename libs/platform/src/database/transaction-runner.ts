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

/** A transaction beside the current one (`TransactionRunner.begin`). */
export interface SideTransaction {
  /** Runs `work` in this transaction: repositories inside it see it as the current one. */
  run<T>(work: () => Promise<T>): Promise<T>;
  commit(): Promise<void>;
  /** Rolls back, unless it has ended; then nothing. */
  rollback(): Promise<void>;
}

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

  /**
   * A transaction of its own on another connection, beside the current one, left open for the
   * caller to commit or roll back: for a lock the caller's longer transaction should not hold
   * to its end. `lockTimeoutMs` bounds its waits for locks (a wait that could close a cycle
   * through the caller, which Postgres cannot see, fails instead). `asyncCommit`: its commit
   * does not wait for the disk; whatever commits after it and does wait makes it durable too.
   */
  async begin(
    options: { lockTimeoutMs?: number; asyncCommit?: boolean } = {},
  ): Promise<SideTransaction> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      await runner.startTransaction();
      open = true;
      if (options.lockTimeoutMs) {
        await runner.query(`SET LOCAL lock_timeout = ${Math.round(options.lockTimeoutMs)}`);
      }
      if (options.asyncCommit) await runner.query('SET LOCAL synchronous_commit = off');
    } catch (error) {
      if (open) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
    const end = async (how: 'commit' | 'rollback'): Promise<void> => {
      if (runner.isReleased) return;
      try {
        if (how === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
    };
    return {
      run: (work) => this.current.run(runner.manager, work),
      commit: () => end('commit'),
      rollback: () => end('rollback'),
    };
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
