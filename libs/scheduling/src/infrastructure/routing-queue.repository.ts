import { Injectable } from '@nestjs/common';
import { RowOf, sql, TransactionRunner } from '@intake/platform';
import { RoutingCause, routingQueue } from './scheduling.tables';

export type { RoutingCause } from './scheduling.tables';

const ENTRY = ['leadId', 'dueAt', 'cause', 'attempts', 'unassignableAt'] as const;

export type QueueEntry = Pick<RowOf<typeof routingQueue.columns>, (typeof ENTRY)[number]>;

const ENQUEUE = sql<{ leadId: string; dueAt: Date; cause: RoutingCause; queuedAt: Date }>(
  `${routingQueue.insert(['leadId', 'dueAt', 'cause', 'queuedAt'])}
   ON CONFLICT (lead_id) DO UPDATE SET due_at = LEAST(routing_queue.due_at, :dueAt)`,
);
const CLAIM_DUE = sql<{ now: Date }, QueueEntry>(
  `SELECT ${routingQueue.select(ENTRY)}
     FROM routing_queue WHERE due_at <= :now ORDER BY due_at, lead_id
    LIMIT 1 FOR UPDATE SKIP LOCKED`,
);
const CLAIM_DUE_MANY = sql<{ now: Date; limit: number }, QueueEntry>(
  `SELECT ${routingQueue.select(ENTRY)}
     FROM routing_queue WHERE due_at <= :now ORDER BY due_at, lead_id
    LIMIT :limit FOR UPDATE SKIP LOCKED`,
);
const CLAIM = sql<{ leadId: string; now: Date }, QueueEntry>(
  `SELECT ${routingQueue.select(ENTRY)}
     FROM routing_queue WHERE lead_id = :leadId AND due_at <= :now FOR UPDATE SKIP LOCKED`,
);
const REMOVE_MANY = sql<{ leadIds: readonly string[] }>(
  `DELETE FROM routing_queue WHERE lead_id = ANY(:leadIds::uuid[])`,
);
const FIND = sql<{ leadId: string }, QueueEntry>(
  `SELECT ${routingQueue.select(ENTRY)} FROM routing_queue WHERE lead_id = :leadId`,
);
const POSTPONE = sql<{ leadId: string; dueAt: Date; unassignableAt: Date | null }>(
  `UPDATE routing_queue SET due_at = :dueAt, attempts = attempts + 1, unassignable_at = :unassignableAt
    WHERE lead_id = :leadId`,
);
const EXPEDITE = sql<{ leadId: string; at: Date }>(
  `UPDATE routing_queue SET due_at = LEAST(due_at, :at) WHERE lead_id = :leadId`,
);
const REPLAN_WAITING = sql<{ at: Date }>(
  `UPDATE routing_queue SET due_at = :at WHERE due_at > :at`,
);
const RETRY_LATER = sql<{ leadId: string; dueAt: Date }>(
  `UPDATE routing_queue SET due_at = :dueAt, attempts = attempts + 1 WHERE lead_id = :leadId`,
);
const REMOVE = sql<{ leadId: string }>(`DELETE FROM routing_queue WHERE lead_id = :leadId`);

/** Leads waiting for an owner, each with when to try next. */
@Injectable()
export class RoutingQueueRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async enqueue(leadId: string, dueAt: Date, cause: RoutingCause, at: Date): Promise<void> {
    await ENQUEUE.execute(this.tx.requireTransaction(), { leadId, dueAt, cause, queuedAt: at });
  }

  /**
   * The most overdue entry nobody else is routing, locked until the transaction ends: several
   * workers drain the queue side by side.
   */
  async claimDue(now: Date): Promise<QueueEntry | null> {
    return CLAIM_DUE.one(this.tx.requireTransaction(), { now });
  }

  /** Up to `limit` of the most overdue entries nobody else is routing, in order, locked as `claimDue`. */
  async claimDueMany(now: Date, limit: number): Promise<QueueEntry[]> {
    return CLAIM_DUE_MANY.rows(this.tx.requireTransaction(), { now, limit });
  }

  /** This lead's entry if it is due and nobody else is routing it, locked as `claimDue`. */
  async claim(leadId: string, now: Date): Promise<QueueEntry | null> {
    return CLAIM.one(this.tx.requireTransaction(), { leadId, now });
  }

  async find(leadId: string): Promise<QueueEntry | null> {
    return FIND.one(this.tx.manager(), { leadId });
  }

  /** Try again at `dueAt`; `unassignableAt` says whether this wait was announced. */
  async postpone(leadId: string, dueAt: Date, unassignableAt: Date | null): Promise<void> {
    await POSTPONE.execute(this.tx.requireTransaction(), { leadId, dueAt, unassignableAt });
  }

  /** Routes a waiting lead at `at` at the latest. */
  async expedite(leadId: string, at: Date): Promise<void> {
    await EXPEDITE.execute(this.tx.requireTransaction(), { leadId, at });
  }

  /**
   * Every waiting lead is routed again at `at`: calendars, pools or rules changed, so the time
   * each was told to wait for may no longer be the first opening.
   */
  async replanWaiting(at: Date): Promise<void> {
    await REPLAN_WAITING.execute(this.tx.manager(), { at });
  }

  /** After a failure: later, counted, and whether this wait was announced is kept. */
  async retryLater(leadId: string, dueAt: Date): Promise<void> {
    await RETRY_LATER.execute(this.tx.requireTransaction(), { leadId, dueAt });
  }

  async removeMany(leadIds: readonly string[]): Promise<void> {
    if (leadIds.length === 0) return;
    await REMOVE_MANY.execute(this.tx.requireTransaction(), { leadIds });
  }

  async remove(leadId: string): Promise<void> {
    await REMOVE.execute(this.tx.requireTransaction(), { leadId });
  }
}
