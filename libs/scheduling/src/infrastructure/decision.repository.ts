import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { Skip } from '../domain/routing';

export interface AssignmentDecision {
  id: string;
  leadId: string;
  decidedAt: Date;
  outcome: 'assigned' | 'waiting' | 'unassignable';
  reason: 'rule' | 'sticky' | 'escalation' | null;
  ruleId: string | null;
  ruleName: string | null;
  poolId: string | null;
  poolName: string | null;
  strategy: string | null;
  assigneeId: string | null;
  skipped: Skip[];
  nextAttemptAt: Date | null;
}

/** Every routing decision, kept so anyone can ask why a lead went where it did. */
@Injectable()
export class DecisionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(d: AssignmentDecision): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO assignment_decisions (id, lead_id, decided_at, outcome, reason, rule_id,
         rule_name, pool_id, pool_name, strategy, assignee_id, skipped, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        d.id,
        d.leadId,
        d.decidedAt,
        d.outcome,
        d.reason,
        d.ruleId,
        d.ruleName,
        d.poolId,
        d.poolName,
        d.strategy,
        d.assigneeId,
        JSON.stringify(d.skipped),
        d.nextAttemptAt,
      ],
    );
  }

  /**
   * A waiting or unassignable decision. With `replaceLatest`, the lead's latest decision, if it
   * is a wait too, is brought up to date instead of a row added every few minutes. Returns the
   * id the decision is stored under.
   */
  async saveWait(d: AssignmentDecision, replaceLatest: boolean): Promise<string> {
    if (replaceLatest) {
      // An UPDATE answers [rows, affected].
      const [rows]: [Array<{ id: string }>, number] = await this.tx.requireTransaction().query(
        `UPDATE assignment_decisions SET decided_at = $2, outcome = $3, rule_id = $4,
           rule_name = $5, pool_id = $6, pool_name = $7, strategy = $8, skipped = $9,
           next_attempt_at = $10
         WHERE id = (SELECT id FROM assignment_decisions WHERE lead_id = $1 ORDER BY id DESC LIMIT 1)
           AND outcome IN ('waiting', 'unassignable')
         RETURNING id`,
        [
          d.leadId,
          d.decidedAt,
          d.outcome,
          d.ruleId,
          d.ruleName,
          d.poolId,
          d.poolName,
          d.strategy,
          JSON.stringify(d.skipped),
          d.nextAttemptAt,
        ],
      );
      if (rows[0]) return rows[0].id;
    }
    await this.insert(d);
    return d.id;
  }

  /** Newest first. */
  listForLead(leadId: string, limit = 50): Promise<AssignmentDecision[]> {
    return this.tx.manager().query(
      `SELECT id, lead_id AS "leadId", decided_at AS "decidedAt", outcome, reason,
              rule_id AS "ruleId", rule_name AS "ruleName", pool_id AS "poolId",
              pool_name AS "poolName", strategy, assignee_id AS "assigneeId", skipped,
              next_attempt_at AS "nextAttemptAt"
         FROM assignment_decisions WHERE lead_id = $1 ORDER BY id DESC LIMIT $2`,
      [leadId, limit],
    );
  }
}
