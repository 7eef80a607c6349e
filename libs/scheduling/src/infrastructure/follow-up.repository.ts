import { Injectable } from '@nestjs/common';
import { priorityRank } from '@intake/leads';
import { sql, TransactionRunner } from '@intake/platform';
import { FollowUp, FollowUpState } from '../domain/follow-up';
import type { QueueItem, QueueKey } from '../application/get-queue/queue-item';
import { followUps } from './scheduling.tables';

/** What an insert writes of a follow-up's state: a new one is open, so nothing of its closing. */
const OPENING = [
  'id',
  'leadId',
  'kind',
  'status',
  'dueAt',
  'slaDeadline',
  'assigneeId',
  'attempt',
  'priority',
  'dueNotifiedAt',
  'overdueAt',
  'createdAt',
] as const;
const CLOSING = ['closedAt', 'outcome', 'attemptId', 'cancelReason', 'rescheduleReason'] as const;
/** What a follow-up's state reads from its row (all but the stored sort key). */
const STATE = [...OPENING, ...CLOSING] as const;
const COLUMNS = followUps.select(STATE);
const INSERTED = [...OPENING, 'priorityRank'] as const;
const UPDATED = [
  'status',
  'dueAt',
  'slaDeadline',
  'assigneeId',
  'priority',
  'priorityRank',
  'dueNotifiedAt',
  'overdueAt',
  ...CLOSING,
] as const;

const FIND_OPEN_FOR_UPDATE = sql<{ leadId: string }, FollowUpState>(
  `SELECT ${COLUMNS} FROM follow_ups WHERE lead_id = :leadId AND status = 'open' FOR UPDATE`,
);
const INSERT = sql<Record<(typeof INSERTED)[number], unknown>>(followUps.insert(INSERTED));
const INSERT_MANY = sql<Record<(typeof INSERTED)[number], unknown[]>>(
  followUps.insertMany(INSERTED),
);
const FIND_OPEN_FOR_UPDATE_MANY = sql<{ leadIds: readonly string[] }, FollowUpState>(
  `SELECT ${COLUMNS} FROM follow_ups
    WHERE lead_id = ANY(:leadIds::uuid[]) AND status = 'open' ORDER BY id FOR UPDATE`,
);
const UPDATE = sql<Record<'id' | (typeof UPDATED)[number], unknown>>(
  `UPDATE follow_ups SET ${followUps.set(UPDATED)} WHERE id = :id`,
);
const LIST_FOR_LEAD = sql<{ leadId: string }, FollowUpState>(
  `SELECT ${COLUMNS} FROM follow_ups WHERE lead_id = :leadId ORDER BY created_at DESC, id`,
);
// The lead is locked with its follow-up, as every writer of a lead's events does, so a lead's
// events commit (and go out, and are numbered) in the order they happened; one someone is
// writing to now is left for the next round.
const CLAIM_DUE = sql<{ now: Date; limit: number }, FollowUpState>(
  `SELECT ${COLUMNS} FROM follow_ups
    WHERE id IN (
      SELECT f.id FROM follow_ups f JOIN leads l ON l.id = f.lead_id
       WHERE f.status = 'open' AND f.due_notified_at IS NULL AND f.due_at <= :now
       ORDER BY f.due_at LIMIT :limit FOR UPDATE OF l, f SKIP LOCKED)
    ORDER BY due_at`,
);
const OVERDUE_CANDIDATES = sql<{ now: Date; limit: number }, { id: string; leadId: string }>(
  `SELECT ${followUps.select(['id', 'leadId'])} FROM follow_ups
    WHERE status = 'open' AND overdue_at IS NULL AND sla_deadline <= :now
    ORDER BY sla_deadline LIMIT :limit`,
);

interface QueueParams {
  assigneeId: string;
  now: Date;
  limit: number;
  /** After a previous page's last row: its sort key. */
  afterNotOverdue?: boolean;
  afterRank?: number;
  afterDue?: string;
  afterId?: string;
}
type QueueRow = QueueItem & { priorityRank: number; dueKey: string };
const queueStatement = (keyset: boolean) =>
  sql<QueueParams, QueueRow>(
    `SELECT ${COLUMNS}, sla_deadline <= :now AS overdue, priority_rank AS "priorityRank",
            to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "dueKey"
       FROM follow_ups
      WHERE assignee_id = :assigneeId AND status = 'open' ${
        keyset
          ? `AND (sla_deadline > :now, priority_rank, due_at, id) > (:afterNotOverdue, :afterRank, :afterDue::timestamptz, :afterId)`
          : ''
      }
      ORDER BY sla_deadline > :now, priority_rank, due_at, id LIMIT :limit`,
  );
const QUEUE_FIRST = queueStatement(false);
const QUEUE_AFTER = queueStatement(true);
const OPEN_COUNT = sql<{ assigneeId: string }, { count: number }>(
  `SELECT count(*)::int AS count FROM follow_ups WHERE assignee_id = :assigneeId AND status = 'open'`,
);

@Injectable()
export class FollowUpRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** The lead's open follow-up, locked; callers hold the lead's lock first (one lock order). */
  async findOpenForUpdate(leadId: string): Promise<FollowUp | null> {
    const row = await FIND_OPEN_FOR_UPDATE.one(this.tx.requireTransaction(), { leadId });
    return row ? FollowUp.restore(row) : null;
  }

  /** The open follow-ups of these leads, locked, by lead id; callers hold the leads' locks. */
  async findOpenForUpdateMany(leadIds: readonly string[]): Promise<Map<string, FollowUp>> {
    if (leadIds.length === 0) return new Map();
    const rows = await FIND_OPEN_FOR_UPDATE_MANY.rows(this.tx.requireTransaction(), { leadIds });
    return new Map(rows.map((row) => [row.leadId, FollowUp.restore(row)]));
  }

  async insertMany(all: readonly FollowUp[]): Promise<void> {
    if (all.length === 0) return;
    const rows = all.map((f) => {
      const s = f.snapshot();
      return { ...s, priorityRank: priorityRank(s.priority) };
    });
    await INSERT_MANY.execute(this.tx.requireTransaction(), followUps.rowsParams(INSERTED, rows));
  }

  async insert(f: FollowUp): Promise<void> {
    const s = f.snapshot();
    await INSERT.execute(
      this.tx.requireTransaction(),
      followUps.params(INSERTED, { ...s, priorityRank: priorityRank(s.priority) }),
    );
  }

  async update(f: FollowUp): Promise<void> {
    const s = f.snapshot();
    await UPDATE.execute(
      this.tx.requireTransaction(),
      followUps.params(['id', ...UPDATED], { ...s, priorityRank: priorityRank(s.priority) }),
    );
  }

  /** Newest first. */
  listForLead(leadId: string): Promise<FollowUpState[]> {
    return LIST_FOR_LEAD.rows(this.tx.manager(), { leadId });
  }

  /**
   * Open follow-ups due by `now` and not yet announced, locked and skipped by other workers.
   * Reads only the partial index `idx_follow_ups_due`.
   */
  async claimDue(now: Date, limit: number): Promise<FollowUp[]> {
    const rows = await CLAIM_DUE.rows(this.tx.requireTransaction(), { now, limit });
    return rows.map((r) => FollowUp.restore(r));
  }

  /** Follow-ups past their SLA deadline and not yet escalated (`idx_follow_ups_sla`); unlocked. */
  overdueCandidates(now: Date, limit: number): Promise<Array<{ id: string; leadId: string }>> {
    return OVERDUE_CANDIDATES.rows(this.tx.manager(), { now, limit });
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
    const params: QueueParams = { assigneeId, now, limit: limit + 1 };
    const rows = after
      ? await QUEUE_AFTER.rows(this.tx.manager(), {
          ...params,
          afterNotOverdue: !after[0],
          afterRank: after[1],
          afterDue: after[2],
          afterId: after[3],
        })
      : await QUEUE_FIRST.rows(this.tx.manager(), params);
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
    const row = await OPEN_COUNT.one(this.tx.manager(), { assigneeId });
    return row?.count ?? 0;
  }
}
