import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { RoutingRule } from '../domain/routing';

@Injectable()
export class RuleRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** In evaluation order. */
  list(): Promise<RoutingRule[]> {
    return this.tx.manager().query(
      `SELECT id, name, conditions, pool_id AS "poolId", active
         FROM routing_rules ORDER BY position`,
    );
  }

  /** The whole ordered list at once, so the order can never be half-changed. */
  async replaceAll(rules: readonly RoutingRule[]): Promise<void> {
    const m = this.tx.requireTransaction();
    await m.query(`DELETE FROM routing_rules`);
    for (const [position, rule] of rules.entries()) {
      await m.query(
        `INSERT INTO routing_rules (id, position, name, conditions, pool_id, active)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [rule.id, position, rule.name, JSON.stringify(rule.conditions), rule.poolId, rule.active],
      );
    }
  }
}
