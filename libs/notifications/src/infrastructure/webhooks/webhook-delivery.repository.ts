import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
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

type DeliveryRow = Omit<DeliveryView, 'recentAttempts'>;

// One statement whatever the number of deliveries: each column's values as one array.
const INSERT_MANY = sql<{
  ids: string[];
  subscriptionIds: string[];
  eventIds: string[];
  eventTypes: string[];
  leadIds: Array<string | null>;
  sequences: number[];
  payloads: string[];
  createdAts: Date[];
}>(
  `INSERT INTO webhook_deliveries
     (id, subscription_id, event_id, event_type, lead_id, sequence, payload, status, attempts,
      next_attempt_at, created_at)
   SELECT id, subscription_id, event_id, event_type, lead_id, sequence, payload::jsonb, 'pending', 0,
          created_at, created_at
     FROM unnest(:ids::uuid[], :subscriptionIds::uuid[], :eventIds::uuid[], :eventTypes::text[],
                 :leadIds::uuid[], :sequences::bigint[], :payloads::text[], :createdAts::timestamptz[])
          AS d(id, subscription_id, event_id, event_type, lead_id, sequence, payload, created_at)
   ON CONFLICT (subscription_id, event_id) DO NOTHING`,
);
const CLAIM_DUE = sql<{ now: Date; leaseUntil: Date; limit: number }, ClaimedDelivery>(
  `WITH due AS (
     SELECT d.id FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
      WHERE d.status = 'pending' AND d.next_attempt_at <= :now
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries e
           WHERE e.subscription_id = d.subscription_id AND e.lead_id = d.lead_id
             AND e.status = 'pending' AND (e.sequence, e.id) < (d.sequence, d.id))
      ORDER BY d.next_attempt_at, d.id
      LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED)
   UPDATE webhook_deliveries d SET next_attempt_at = :leaseUntil
     FROM due, webhook_subscriptions s
    WHERE d.id = due.id AND s.id = d.subscription_id
   RETURNING d.id, d.subscription_id AS "subscriptionId", s.url,
     array_remove(ARRAY[s.secret,
       CASE WHEN s.previous_secret_expires_at > :now THEN s.previous_secret END], NULL) AS secrets,
     d.event_id AS "eventId", d.payload, d.attempts, d.first_attempt_at AS "firstAttemptAt"`,
);
const INSERT_ATTEMPT = sql<AttemptRecord>(
  `INSERT INTO webhook_delivery_attempts (id, delivery_id, attempted_at, status_code, latency_ms, error)
   VALUES (:id, :deliveryId, :at, :statusCode, :latencyMs, :error)`,
);
const RECORD_OUTCOME = sql<
  {
    deliveryId: string;
    status: string;
    firstAttemptAt: Date;
    at: Date;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
    nextAt: Date | null;
  },
  { id: string }
>(
  `UPDATE webhook_deliveries
      SET status = :status, attempts = attempts + 1,
          first_attempt_at = COALESCE(first_attempt_at, :firstAttemptAt),
          last_attempt_at = :at, last_status_code = :statusCode, last_latency_ms = :latencyMs,
          last_error = :error,
          delivered_at = CASE WHEN :status = 'delivered' THEN :at::timestamptz END,
          next_attempt_at = COALESCE(:nextAt, next_attempt_at)
    WHERE id = :deliveryId AND status = 'pending'
    RETURNING id`,
);
const LIST = sql<
  { subscriptionId: string; status: DeliveryStatus | null; before: string | null; limit: number },
  DeliveryRow
>(
  `SELECT ${VIEW_COLUMNS} FROM webhook_deliveries
    WHERE subscription_id = :subscriptionId AND (:status::text IS NULL OR status = :status)
      AND (:before::uuid IS NULL OR id < :before)
    ORDER BY id DESC LIMIT :limit`,
);
const FIND = sql<{ subscriptionId: string; id: string }, DeliveryRow>(
  `SELECT ${VIEW_COLUMNS} FROM webhook_deliveries WHERE subscription_id = :subscriptionId AND id = :id`,
);
const REQUEUE = sql<{ subscriptionId: string; id: string; now: Date }, { id: string }>(
  `UPDATE webhook_deliveries
      SET status = 'pending', next_attempt_at = :now, first_attempt_at = NULL, delivered_at = NULL
    WHERE subscription_id = :subscriptionId AND id = :id
    RETURNING id`,
);
const RECENT = sql<{ deliveryIds: string[]; recent: number }, AttemptView & { deliveryId: string }>(
  `SELECT delivery_id AS "deliveryId", attempted_at AS "attemptedAt", status_code AS "statusCode",
          latency_ms AS "latencyMs", error
     FROM (SELECT a.*, row_number() OVER (PARTITION BY delivery_id ORDER BY attempted_at DESC, id DESC) AS n
             FROM webhook_delivery_attempts a WHERE delivery_id = ANY(:deliveryIds::uuid[])) ranked
    WHERE n <= :recent
    ORDER BY attempted_at DESC, id DESC`,
);

@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Queues deliveries; one already queued for the same subscription and event is kept. */
  async insertMany(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await INSERT_MANY.execute(this.tx.requireTransaction(), {
      ids: deliveries.map((d) => d.id),
      subscriptionIds: deliveries.map((d) => d.subscriptionId),
      eventIds: deliveries.map((d) => d.eventId),
      eventTypes: deliveries.map((d) => d.eventType),
      leadIds: deliveries.map((d) => d.leadId),
      sequences: deliveries.map((d) => d.sequence),
      payloads: deliveries.map((d) => JSON.stringify(d.payload)),
      createdAts: deliveries.map((d) => d.createdAt),
    });
  }

  /**
   * Takes up to `limit` due deliveries of enabled subscriptions, each the oldest pending one of
   * its subscription and lead (by the relay's sequence, then by when it was queued), and leases
   * them until `leaseUntil`: another deliverer skips them, and a deliverer that dies leaves them
   * to be sent again after the lease. A lead's next event waits until the one before it is
   * delivered or given up.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    // In a transaction (the caller's, if any): the lease holds once it commits.
    const lease = { now, leaseUntil, limit };
    return this.tx.run(() => CLAIM_DUE.rows(this.tx.requireTransaction(), lease));
  }

  async insertAttempt(attempt: AttemptRecord): Promise<void> {
    await INSERT_ATTEMPT.execute(this.tx.requireTransaction(), attempt);
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
    const rows = await RECORD_OUTCOME.rows(this.tx.requireTransaction(), {
      ...attempt,
      status: outcome.status,
      firstAttemptAt,
      nextAt: outcome.status === 'pending' ? outcome.nextAt : null,
    });
    if (rows.length === 0) return false;
    await this.insertAttempt(attempt);
    return true;
  }

  async list(
    subscriptionId: string,
    filter: { status?: DeliveryStatus; limit: number; before?: string },
  ): Promise<DeliveryView[]> {
    const rows = await LIST.rows(this.tx.manager(), {
      subscriptionId,
      status: filter.status ?? null,
      before: filter.before ?? null,
      limit: filter.limit,
    });
    return this.withAttempts(rows);
  }

  async find(subscriptionId: string, id: string): Promise<DeliveryView | null> {
    const rows = await FIND.rows(this.tx.manager(), { subscriptionId, id });
    return (await this.withAttempts(rows))[0] ?? null;
  }

  /** Sends it again from now, with a fresh day of retries; its `webhook-id` stays the same. */
  async requeue(subscriptionId: string, id: string, now: Date): Promise<boolean> {
    const rows = await REQUEUE.rows(this.tx.requireTransaction(), { subscriptionId, id, now });
    return rows.length > 0;
  }

  private async withAttempts(rows: DeliveryRow[]): Promise<DeliveryView[]> {
    if (rows.length === 0) return [];
    const attempts = await RECENT.rows(this.tx.manager(), {
      deliveryIds: rows.map((r) => r.id),
      recent: RECENT_ATTEMPTS,
    });
    return rows.map((row) => ({
      ...row,
      recentAttempts: attempts
        .filter((a) => a.deliveryId === row.id)
        .map(({ deliveryId: _, ...a }) => a),
    }));
  }
}
