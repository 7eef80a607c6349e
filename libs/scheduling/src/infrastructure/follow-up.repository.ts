import { Injectable } from '@nestjs/common';
import { priorityRank } from '@intake/leads';
import { TransactionRunner } from '@intake/platform';
import { FollowUp, FollowUpState } from '../domain/follow-up';
import type { QueueItem, QueueKey } from '../application/get-queue/queue-item';

const COLUMNS = `id, lead_id AS "leadId", kind, status, due_at AS "dueAt",
  sla_deadline AS "slaDeadline", assignee_id AS "assigneeId", attempt, priority,
  due_notified_at AS "dueNotifiedAt", overdue_at AS "overdueAt", created_at AS "createdAt",
  closed_at AS "closedAt", outcome, attempt_id AS "attemptId", cancel_reason AS "cancelReason",
  reschedule_reason AS "rescheduleReason"`;

@Injectable()
export class FollowUpRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** The lead's open follow-up, locked; callers hold the lead's lock first (one lock order). */
  async findOpenForUpdate(leadId: string): Promise<FollowUp | null> {
    const rows: FollowUpState[] = await this.tx
      .requireTransaction()
      .query(
        `SELECT ${COLUMNS} FROM follow_ups WHERE lead_id = $1 AND status = 'open' FOR UPDATE`,
        [leadId],
      );
    return rows[0] ? FollowUp.restore(rows[0]) : null;
  }

  async insert(f: FollowUp): Promise<void> {
    const s = f.snapshot();
    await this.tx.requireTransaction().query(
      `INSERT INTO follow_ups (id, lead_id, kind, status, due_at, sla_deadline, assignee_id,
         attempt, priority, priority_rank, due_notified_at, overdue_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        s.id,
        s.leadId,
        s.kind,
        s.status,
        s.dueAt,
        s.slaDeadline,
        s.assigneeId,
        s.attempt,
        s.priority,
        priorityRank(s.priority),
        s.dueNotifiedAt,
        s.overdueAt,
        s.createdAt,
      ],
    );
  }

  async update(f: FollowUp): Promise<void> {
    const s = f.snapshot();
    await this.tx.requireTransaction().query(
      `UPDATE follow_ups SET status = $2, due_at = $3, sla_deadline = $4, assignee_id = $5,
         priority = $6, priority_rank = $7, due_notified_at = $8, overdue_at = $9, closed_at = $10,
         outcome = $11, attempt_id = $12, cancel_reason = $13, reschedule_reason = $14
       WHERE id = $1`,
      [
        s.id,
        s.status,
        s.dueAt,
        s.slaDeadline,
        s.assigneeId,
        s.priority,
        priorityRank(s.priority),
        s.dueNotifiedAt,
        s.overdueAt,
        s.closedAt,
        s.outcome,
        s.attemptId,
        s.cancelReason,
        s.rescheduleReason,
      ],
    );
  }

  /** Newest first. */
  listForLead(leadId: string): Promise<FollowUpState[]> {
    return this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM follow_ups WHERE lead_id = $1 ORDER BY created_at DESC, id`, [
        leadId,
      ]);
  }

  /**
   * Open follow-ups due by `now` and not yet announced, locked and skipped by other workers.
   * Reads only the partial index `idx_follow_ups_due`.
   */
  async claimDue(now: Date, limit: number): Promise<FollowUp[]> {
    // The lead is locked with its follow-up, as every writer of a lead's events does, so a lead's
    // events commit (and go out, and are numbered) in the order they happened; one someone is
    // writing to now is left for the next round.
    const rows: FollowUpState[] = await this.tx.requireTransaction().query(
      `SELECT ${COLUMNS} FROM follow_ups
        WHERE id IN (
          SELECT f.id FROM follow_ups f JOIN leads l ON l.id = f.lead_id
           WHERE f.status = 'open' AND f.due_notified_at IS NULL AND f.due_at <= $1
           ORDER BY f.due_at LIMIT $2 FOR UPDATE OF l, f SKIP LOCKED)
        ORDER BY due_at`,
      [now, limit],
    );
    return rows.map((r) => FollowUp.restore(r));
  }

  /** Follow-ups past their SLA deadline and not yet escalated (`idx_follow_ups_sla`); unlocked. */
  overdueCandidates(now: Date, limit: number): Promise<Array<{ id: string; leadId: string }>> {
    return this.tx.manager().query(
      `SELECT id, lead_id AS "leadId" FROM follow_ups
        WHERE status = 'open' AND overdue_at IS NULL AND sla_deadline <= $1
        ORDER BY sla_deadline LIMIT $2`,
      [now, limit],
    );
  }

  /**
   * A person's open follow-ups: overdue (judged at `now`) first, then by priority, then by due
   * time, then id; after the sort key `after` of a previous page's last row, when given.
   */
  async queue(
    assigneeId: string,
    now: Date,
    limit: number,
    after: QueueKey | null,
  ): Promise<{ items: QueueItem[]; lastKey: QueueKey | null }> {
    const params: unknown[] = [assigneeId, now, limit + 1];
    const keyset = after
      ? `AND (sla_deadline > $2, priority_rank, due_at, id) > ($4, $5, $6::timestamptz, $7)`
      : '';
    if (after) params.push(!after[0], after[1], after[2], after[3]);
    const rows: Array<QueueItem & { priorityRank: number; dueKey: string }> = await this.tx
      .manager()
      .query(
        `SELECT ${COLUMNS}, sla_deadline <= $2 AS overdue, priority_rank AS "priorityRank",
                to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "dueKey"
           FROM follow_ups
          WHERE assignee_id = $1 AND status = 'open' ${keyset}
          ORDER BY sla_deadline > $2, priority_rank, due_at, id LIMIT $3`,
        params,
      );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ priorityRank: _rank, dueKey: _key, ...item }) => item),
      lastKey:
        rows.length > limit && last
          ? [last.overdue, last.priorityRank, last.dueKey, last.id]
          : null,
    };
  }

  /** How many open follow-ups a person has. */
  async openCount(assigneeId: string): Promise<number> {
    const [row]: Array<{ count: number }> = await this.tx
      .manager()
      .query(
        `SELECT count(*)::int AS count FROM follow_ups WHERE assignee_id = $1 AND status = 'open'`,
        [assigneeId],
      );
    return row?.count ?? 0;
  }
}
