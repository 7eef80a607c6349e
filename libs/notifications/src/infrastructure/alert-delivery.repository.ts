import { Injectable } from '@nestjs/common';
import { IdGenerator, sql, TransactionRunner } from '@intake/platform';
import type { AlertKind, AlertUrgency } from '../domain/alert';
import type { AlertChannel } from '../domain/alert-settings';
import type { DeadDelivery } from '../application/list-dead-alert-deliveries/dead-delivery';

export interface QueuedAlert {
  id: string;
  staffId: string;
  kind: AlertKind;
  urgency: AlertUrgency;
  status: string;
}

export interface ClaimedDelivery {
  id: string;
  staffId: string;
  channel: AlertChannel;
  alertIds: string[];
  digest: boolean;
  attempts: number;
}

export interface StaffContact {
  email: string | null;
  active: boolean;
}

const QUEUED = `id, staff_id AS "staffId", kind, urgency, status`;
const LOCK_PENDING = sql<{ limit: number }, QueuedAlert>(
  `SELECT ${QUEUED} FROM alerts
    WHERE status = 'pending' ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED`,
);
const LOCK_RELEASABLE = sql<{ now: Date; limit: number }, QueuedAlert>(
  `SELECT ${QUEUED} FROM alerts
    WHERE status IN ('held', 'digest') AND release_at <= :now
    ORDER BY release_at LIMIT :limit FOR UPDATE SKIP LOCKED`,
);
const LOCK_DIGESTED = sql<{ staffIds: readonly string[] }, QueuedAlert>(
  `SELECT ${QUEUED} FROM alerts
    WHERE status = 'digest' AND staff_id = ANY(:staffIds::uuid[])
    ORDER BY created_at FOR UPDATE SKIP LOCKED`,
);
const SET_STATUS = sql<{ ids: readonly string[]; status: string; releaseAt: Date | null }>(
  `UPDATE alerts SET status = :status, release_at = :releaseAt WHERE id = ANY(:ids::uuid[])`,
);
const CONTACTS = sql<
  { staffIds: readonly string[] },
  { id: string; email: string | null; active: boolean }
>(`SELECT id, email, active FROM staff WHERE id = ANY(:staffIds::uuid[])`);
const ADD_DELIVERY = sql<{
  id: string;
  staffId: string;
  channel: AlertChannel;
  alertIds: readonly string[];
  digest: boolean;
  now: Date;
}>(
  `INSERT INTO alert_deliveries
     (id, staff_id, channel, alert_ids, digest, status, attempts, next_attempt_at, created_at)
   VALUES (:id, :staffId, :channel, :alertIds::uuid[], :digest, 'pending', 0, :now, :now)`,
);
const CLAIM_DUE = sql<{ now: Date; leaseUntil: Date; limit: number }, ClaimedDelivery>(
  `UPDATE alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = :leaseUntil
    WHERE d.id IN (SELECT id FROM alert_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.staff_id AS "staffId", d.channel, d.alert_ids AS "alertIds",
              d.digest, d.attempts`,
);
const ALERTS_OF = sql<
  { ids: readonly string[] },
  { id: string; title: string; link: string | null }
>(`SELECT id, title, link FROM alerts WHERE id = ANY(:ids::uuid[]) ORDER BY created_at`);
const CHAT_WEBHOOK = sql<{ staffId: string }, { url: string | null }>(
  `SELECT chat_webhook_url AS url FROM alert_settings WHERE staff_id = :staffId`,
);
const MARK_SENT = sql<{ id: string; now: Date }>(
  `UPDATE alert_deliveries SET status = 'sent', sent_at = :now, last_error = NULL WHERE id = :id`,
);
const MARK_FAILED = sql<{ id: string; error: string; retryAt: Date | null; now: Date }>(
  `UPDATE alert_deliveries
      SET last_error = :error,
          status = CASE WHEN :retryAt::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
          next_attempt_at = COALESCE(:retryAt::timestamptz, next_attempt_at),
          dead_at = CASE WHEN :retryAt::timestamptz IS NULL THEN :now::timestamptz ELSE NULL END
    WHERE id = :id`,
);
const deadDeliveries = (where: string) =>
  `SELECT d.id, d.staff_id AS "staffId", d.channel, d.attempts, d.last_error AS "lastError",
          d.created_at AS "createdAt", d.dead_at AS "deadAt",
          cardinality(d.alert_ids) AS "alertCount",
          ARRAY(SELECT DISTINCT a.kind FROM alerts a WHERE a.id = ANY(d.alert_ids)) AS kinds
     FROM alert_deliveries d ${where}`;
const LIST_DEAD = sql<{ limit: number }, DeadDelivery>(
  deadDeliveries(`WHERE d.status = 'dead' ORDER BY d.dead_at DESC LIMIT :limit`),
);
const DEAD_BY_ID_FOR_UPDATE = sql<{ id: string }, DeadDelivery>(
  deadDeliveries(`WHERE d.id = :id AND d.status = 'dead' FOR UPDATE`),
);
const REDRIVE = sql<{ id: string; now: Date }>(
  `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = :now,
          dead_at = NULL WHERE id = :id AND status = 'dead'`,
);

/**
 * The alert deliverer's SQL: claims with `FOR UPDATE SKIP LOCKED`, so several workers share the
 * work without sending a message twice while its lease holds.
 */
@Injectable()
export class AlertDeliveryRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  /** Pending alerts, oldest first, locked for the caller's transaction. */
  lockPending(limit: number): Promise<QueuedAlert[]> {
    return LOCK_PENDING.rows(this.tx.requireTransaction(), { limit });
  }

  /** Held and digested alerts whose time has come, locked. */
  lockReleasable(now: Date, limit: number): Promise<QueuedAlert[]> {
    return LOCK_RELEASABLE.rows(this.tx.requireTransaction(), { now, limit });
  }

  /** Every digested alert of these people, due or not: a digest carries all they have waiting. */
  lockDigested(staffIds: readonly string[]): Promise<QueuedAlert[]> {
    return LOCK_DIGESTED.rows(this.tx.requireTransaction(), { staffIds });
  }

  async setStatus(ids: readonly string[], status: string, releaseAt: Date | null): Promise<void> {
    if (ids.length === 0) return;
    await SET_STATUS.execute(this.tx.requireTransaction(), { ids, status, releaseAt });
  }

  async contactsOf(staffIds: readonly string[]): Promise<Map<string, StaffContact>> {
    const rows = await CONTACTS.rows(this.tx.manager(), { staffIds });
    return new Map(rows.map((r) => [r.id, { email: r.email, active: r.active }]));
  }

  async addDeliveries(
    staffId: string,
    channels: readonly AlertChannel[],
    alertIds: readonly string[],
    digest: boolean,
    now: Date,
  ): Promise<void> {
    for (const channel of channels) {
      await ADD_DELIVERY.execute(this.tx.requireTransaction(), {
        id: this.ids.next(),
        staffId,
        channel,
        alertIds,
        digest,
        now,
      });
    }
  }

  /**
   * Takes due deliveries for one attempt each: the attempt is counted and the delivery leased
   * until `leaseUntil`, so a worker that dies mid-send leaves it to be tried again then.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    return this.tx.run(() =>
      CLAIM_DUE.rows(this.tx.requireTransaction(), { now, leaseUntil, limit }),
    );
  }

  alertsOf(
    ids: readonly string[],
  ): Promise<Array<{ id: string; title: string; link: string | null }>> {
    return ALERTS_OF.rows(this.tx.manager(), { ids });
  }

  async chatWebhookOf(staffId: string): Promise<string | null> {
    const row = await CHAT_WEBHOOK.one(this.tx.manager(), { staffId });
    return row?.url ?? null;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await MARK_SENT.execute(this.tx.manager(), { id, now });
  }

  async markFailed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await MARK_FAILED.execute(this.tx.manager(), { id, error, retryAt, now });
  }

  listDead(limit: number): Promise<DeadDelivery[]> {
    return LIST_DEAD.rows(this.tx.manager(), { limit });
  }

  /** A dead delivery back to pending with fresh attempts; false when there is none such. */
  async redrive(id: string, now: Date): Promise<DeadDelivery | null> {
    const dead = await DEAD_BY_ID_FOR_UPDATE.one(this.tx.manager(), { id });
    if (!dead) return null;
    await REDRIVE.execute(this.tx.manager(), { id, now });
    return dead;
  }
}
