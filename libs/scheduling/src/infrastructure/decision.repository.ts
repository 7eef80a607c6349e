import { Injectable } from '@nestjs/common';
import { RowOf, sql, TransactionRunner } from '@intake/platform';
import { assignmentDecisions } from './scheduling.tables';

export type AssignmentDecision = RowOf<typeof assignmentDecisions.columns>;

const ALL = assignmentDecisions.properties();
/** What a wait brings up to date in the lead's latest decision. */
const WAIT = [
  'decidedAt',
  'outcome',
  'ruleId',
  'ruleName',
  'poolId',
  'poolName',
  'strategy',
  'skipped',
  'nextAttemptAt',
] as const;

const INSERT = sql<Record<string, unknown>>(assignmentDecisions.insert(ALL));
const INSERT_MANY = sql<Record<string, unknown[]>>(assignmentDecisions.insertMany(ALL));
const REPLACE_LATEST_WAIT = sql<Record<'leadId' | (typeof WAIT)[number], unknown>, { id: string }>(
  `UPDATE assignment_decisions SET ${assignmentDecisions.set(WAIT)}
    WHERE id = (SELECT id FROM assignment_decisions WHERE lead_id = :leadId ORDER BY id DESC LIMIT 1)
      AND outcome IN ('waiting', 'unassignable')
    RETURNING id`,
);
const LIST_FOR_LEAD = sql<{ leadId: string; limit: number }, AssignmentDecision>(
  `SELECT ${assignmentDecisions.select()}
     FROM assignment_decisions WHERE lead_id = :leadId ORDER BY id DESC LIMIT :limit`,
);

/** Every routing decision, kept so anyone can ask why a lead went where it did. */
@Injectable()
export class DecisionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(d: AssignmentDecision): Promise<void> {
    await INSERT.execute(this.tx.requireTransaction(), assignmentDecisions.params(ALL, d));
  }

  async insertMany(ds: readonly AssignmentDecision[]): Promise<void> {
    if (ds.length === 0) return;
    await INSERT_MANY.execute(
      this.tx.requireTransaction(),
      assignmentDecisions.rowsParams(ALL, ds),
    );
  }

  /**
   * A waiting or unassignable decision. With `replaceLatest`, the lead's latest decision, if it
   * is a wait too, is brought up to date instead of a row added every few minutes. Returns the
   * id the decision is stored under.
   */
  async saveWait(d: AssignmentDecision, replaceLatest: boolean): Promise<string> {
    if (replaceLatest) {
      const row = await REPLACE_LATEST_WAIT.one(
        this.tx.requireTransaction(),
        assignmentDecisions.params(['leadId', ...WAIT], d),
      );
      if (row) return row.id;
    }
    await this.insert(d);
    return d.id;
  }

  /** Newest first. */
  listForLead(leadId: string, limit = 50): Promise<AssignmentDecision[]> {
    return LIST_FOR_LEAD.rows(this.tx.manager(), { leadId, limit });
  }
}
