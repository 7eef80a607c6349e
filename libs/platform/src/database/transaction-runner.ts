import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one transaction helper. Work run inside `run` sees the same EntityManager through
 * `manager()`, so repositories of several contexts join one transaction without passing it.
 */
@Injectable()
export class TransactionRunner {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const existing = this.current.getStore();
    if (existing) return work();
    return this.dataSource.transaction((manager) => this.current.run(manager, work));
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
