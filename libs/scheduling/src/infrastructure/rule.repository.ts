import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { RoutingRule } from '../domain/routing';
import { routingRules } from './scheduling.tables';

const RULE = ['id', 'name', 'conditions', 'poolId', 'active'] as const;
const STORED = ['id', 'position', 'name', 'conditions', 'poolId', 'active'] as const;

const LIST = sql<Record<string, never>, RoutingRule>(
  `SELECT ${routingRules.select(RULE)} FROM routing_rules ORDER BY position`,
);
const DELETE_ALL = sql(`DELETE FROM routing_rules`);
const INSERT = sql<Record<(typeof STORED)[number], unknown>>(routingRules.insert(STORED));

@Injectable()
export class RuleRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** In evaluation order. */
  list(): Promise<RoutingRule[]> {
    return LIST.rows(this.tx.manager(), {});
  }

  /** The whole ordered list at once, so the order can never be half-changed. */
  async replaceAll(rules: readonly RoutingRule[]): Promise<void> {
    const m = this.tx.requireTransaction();
    await DELETE_ALL.execute(m, {});
    for (const [position, rule] of rules.entries()) {
      await INSERT.execute(m, routingRules.params(STORED, { ...rule, position }));
    }
  }
}
