import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';

/** `adopted`: an open lead from before scheduling existed; it keeps its owner, if it has one. */
export type RoutingCause = 'new' | 'reopened' | 'adopted';

export interface QueueEntry {
  leadId: string;
  dueAt: Date;
  cause: RoutingCause;
  attempts: number;
  unassignableAt: Date | null;
}

/** Leads waiting for an owner, each with when to try next. */
@Injectable()
export class RoutingQueueRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async enqueue(leadId: string, dueAt: Date, cause: RoutingCause, at: Date): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO routing_queue (lead_id, due_at, cause, queued_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lead_id) DO UPDATE SET due_at = LEAST(routing_queue.due_at, $2)`,
      [leadId, dueAt, cause, at],
    );
  }

  /**
   * The most overdue entry nobody else is routing, locked until the transaction ends: several
   * workers drain the queue side by side.
   */
  async claimDue(now: Date): Promise<QueueEntry | null> {
    const rows: QueueEntry[] = await this.tx.requireTransaction().query(
      `SELECT lead_id AS "leadId", due_at AS "dueAt", cause, attempts,
              unassignable_at AS "unassignableAt"
         FROM routing_queue WHERE due_at <= $1 ORDER BY due_at, lead_id
        LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0] ?? null;
  }

  async find(leadId: string): Promise<QueueEntry | null> {
    const rows: QueueEntry[] = await this.tx.manager().query(
      `SELECT lead_id AS "leadId", due_at AS "dueAt", cause, attempts,
              unassignable_at AS "unassignableAt"
         FROM routing_queue WHERE lead_id = $1`,
      [leadId],
    );
    return rows[0] ?? null;
  }

  /** Try again at `dueAt`; `unassignableAt` says whether this wait was announced. */
  async postpone(leadId: string, dueAt: Date, unassignableAt: Date | null): Promise<void> {
    await this.tx.requireTransaction().query(
      `UPDATE routing_queue SET due_at = $2, attempts = attempts + 1, unassignable_at = $3
        WHERE lead_id = $1`,
      [leadId, dueAt, unassignableAt],
    );
  }

  /** Routes a waiting lead at `at` at the latest. */
  async expedite(leadId: string, at: Date): Promise<void> {
    await this.tx
      .requireTransaction()
      .query(`UPDATE routing_queue SET due_at = LEAST(due_at, $2) WHERE lead_id = $1`, [
        leadId,
        at,
      ]);
  }

  /**
   * Every waiting lead is routed again at `at`: calendars, pools or rules changed, so the time
   * each was told to wait for may no longer be the first opening.
   */
  async replanWaiting(at: Date): Promise<void> {
    await this.tx.manager().query(`UPDATE routing_queue SET due_at = $1 WHERE due_at > $1`, [at]);
  }

  /** After a failure: later, counted, and whether this wait was announced is kept. */
  async retryLater(leadId: string, dueAt: Date): Promise<void> {
    await this.tx
      .requireTransaction()
      .query(`UPDATE routing_queue SET due_at = $2, attempts = attempts + 1 WHERE lead_id = $1`, [
        leadId,
        dueAt,
      ]);
  }

  async remove(leadId: string): Promise<void> {
    await this.tx
      .requireTransaction()
      .query(`DELETE FROM routing_queue WHERE lead_id = $1`, [leadId]);
  }
}
