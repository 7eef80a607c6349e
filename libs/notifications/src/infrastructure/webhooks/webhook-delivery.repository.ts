import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import type {
  AttemptView,
  DeliveryStatus,
  DeliveryView,
} from '../../application/list-webhook-deliveries/webhook-delivery-views';

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  leadId: string | null;
  sequence: number;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** A delivery taken by a deliverer, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  /** The current secret first, then the one before a rotation while it is still honoured. */
  secrets: string[];
  eventId: string;
  payload: Record<string, unknown>;
  attempts: number;
  firstAttemptAt: Date | null;
}

export interface AttemptRecord {
  id: string;
  deliveryId: string;
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

const VIEW_COLUMNS = `id, event_id AS "eventId", event_type AS "eventType", lead_id AS "leadId",
  sequence::float8 AS sequence, status, attempts, created_at AS "createdAt",
  CASE WHEN status = 'pending' THEN next_attempt_at END AS "nextAttemptAt",
  delivered_at AS "deliveredAt", last_status_code AS "lastStatusCode",
  last_latency_ms AS "lastLatencyMs", last_error AS "lastError"`;

/** Recent attempts shown with each delivery in a listing. */
const RECENT_ATTEMPTS = 10;

@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Queues deliveries; one already queued for the same subscription and event is kept. */
  async insertMany(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const values: unknown[] = [];
    const rows = deliveries.map((d, i) => {
      values.push(d.id, d.subscriptionId, d.eventId, d.eventType, d.leadId, d.sequence);
      values.push(JSON.stringify(d.payload), d.createdAt);
      const p = (n: number) => `$${i * 8 + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::jsonb, 'pending', 0, ${p(8)}, ${p(8)})`;
    });
    await this.tx.requireTransaction().query(
      `INSERT INTO webhook_deliveries
         (id, subscription_id, event_id, event_type, lead_id, sequence, payload, status, attempts,
          next_attempt_at, created_at)
       VALUES ${rows.join(', ')}
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      values,
    );
  }

  /**
   * Takes up to `limit` due deliveries of enabled subscriptions, each the oldest pending one of
   * its subscription and lead (by the relay's sequence, then by when it was queued), and leases
   * them until `leaseUntil`: another deliverer skips them, and a deliverer that dies leaves them
   * to be sent again after the lease. A lead's next event waits until the one before it is
   * delivered or given up.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    // An UPDATE answers [rows, count].
    const [rows]: [ClaimedDelivery[], number] = await this.tx.run(() =>
      this.tx.requireTransaction().query(
        `WITH due AS (
           SELECT d.id FROM webhook_deliveries d
             JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
            WHERE d.status = 'pending' AND d.next_attempt_at <= $1
              AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries e
                 WHERE e.subscription_id = d.subscription_id AND e.lead_id = d.lead_id
                   AND e.status = 'pending' AND (e.sequence, e.id) < (d.sequence, d.id))
            ORDER BY d.next_attempt_at, d.id
            LIMIT $3
              FOR UPDATE OF d SKIP LOCKED)
         UPDATE webhook_deliveries d SET next_attempt_at = $2
           FROM due, webhook_subscriptions s
          WHERE d.id = due.id AND s.id = d.subscription_id
         RETURNING d.id, d.subscription_id AS "subscriptionId", s.url,
           array_remove(ARRAY[s.secret,
             CASE WHEN s.previous_secret_expires_at > $1 THEN s.previous_secret END], NULL) AS secrets,
           d.event_id AS "eventId", d.payload, d.attempts, d.first_attempt_at AS "firstAttemptAt"`,
        [now, leaseUntil, limit],
      ),
    );
    return rows;
  }

  async insertAttempt(attempt: AttemptRecord): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO webhook_delivery_attempts (id, delivery_id, attempted_at, status_code, latency_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        attempt.id,
        attempt.deliveryId,
        attempt.at,
        attempt.statusCode,
        attempt.latencyMs,
        attempt.error,
      ],
    );
  }

  /**
   * Records the outcome of an attempt on a delivery still pending (one redelivered or deleted
   * meanwhile is left alone): `delivered`, `failed` (given up), or pending again at `nextAt`.
   * False when the delivery was no longer pending.
   */
  async recordOutcome(
    attempt: AttemptRecord,
    firstAttemptAt: Date,
    outcome: { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; nextAt: Date },
  ): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.tx.requireTransaction().query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, $3),
              last_attempt_at = $4, last_status_code = $5, last_latency_ms = $6, last_error = $7,
              delivered_at = CASE WHEN $2 = 'delivered' THEN $4::timestamptz END,
              next_attempt_at = COALESCE($8, next_attempt_at)
        WHERE id = $1 AND status = 'pending'
        RETURNING id`,
      [
        attempt.deliveryId,
        outcome.status,
        firstAttemptAt,
        attempt.at,
        attempt.statusCode,
        attempt.latencyMs,
        attempt.error,
        outcome.status === 'pending' ? outcome.nextAt : null,
      ],
    );
    if (rows.length === 0) return false;
    await this.insertAttempt(attempt);
    return true;
  }

  async list(
    subscriptionId: string,
    filter: { status?: DeliveryStatus; limit: number; before?: string },
  ): Promise<DeliveryView[]> {
    const rows: Omit<DeliveryView, 'recentAttempts'>[] = await this.tx.manager().query(
      `SELECT ${VIEW_COLUMNS} FROM webhook_deliveries
        WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::uuid IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [subscriptionId, filter.status ?? null, filter.before ?? null, filter.limit],
    );
    return this.withAttempts(rows);
  }

  async find(subscriptionId: string, id: string): Promise<DeliveryView | null> {
    const rows: Omit<DeliveryView, 'recentAttempts'>[] = await this.tx
      .manager()
      .query(
        `SELECT ${VIEW_COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND id = $2`,
        [subscriptionId, id],
      );
    return (await this.withAttempts(rows))[0] ?? null;
  }

  /** Sends it again from now, with a fresh day of retries; its `webhook-id` stays the same. */
  async requeue(subscriptionId: string, id: string, now: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.tx.requireTransaction().query(
      `UPDATE webhook_deliveries
          SET status = 'pending', next_attempt_at = $3, first_attempt_at = NULL, delivered_at = NULL
        WHERE subscription_id = $1 AND id = $2
        RETURNING id`,
      [subscriptionId, id, now],
    );
    return rows.length > 0;
  }

  private async withAttempts(
    rows: Omit<DeliveryView, 'recentAttempts'>[],
  ): Promise<DeliveryView[]> {
    if (rows.length === 0) return [];
    const attempts: Array<AttemptView & { deliveryId: string }> = await this.tx.manager().query(
      `SELECT delivery_id AS "deliveryId", attempted_at AS "attemptedAt", status_code AS "statusCode",
              latency_ms AS "latencyMs", error
         FROM (SELECT a.*, row_number() OVER (PARTITION BY delivery_id ORDER BY attempted_at DESC, id DESC) AS n
                 FROM webhook_delivery_attempts a WHERE delivery_id = ANY($1::uuid[])) ranked
        WHERE n <= $2
        ORDER BY attempted_at DESC, id DESC`,
      [rows.map((r) => r.id), RECENT_ATTEMPTS],
    );
    return rows.map((row) => ({
      ...row,
      recentAttempts: attempts
        .filter((a) => a.deliveryId === row.id)
        .map(({ deliveryId: _, ...a }) => a),
    }));
  }
}
