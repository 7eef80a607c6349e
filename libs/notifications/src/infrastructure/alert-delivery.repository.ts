import { Injectable } from '@nestjs/common';
import { IdGenerator, TransactionRunner } from '@intake/platform';
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
  async lockPending(limit: number): Promise<QueuedAlert[]> {
    return this.tx.requireTransaction().query(
      `SELECT id, staff_id AS "staffId", kind, urgency, status FROM alerts
        WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Held and digested alerts whose time has come, locked. */
  async lockReleasable(now: Date, limit: number): Promise<QueuedAlert[]> {
    return this.tx.requireTransaction().query(
      `SELECT id, staff_id AS "staffId", kind, urgency, status FROM alerts
        WHERE status IN ('held', 'digest') AND release_at <= $1
        ORDER BY release_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Every digested alert of these people, due or not: a digest carries all they have waiting. */
  async lockDigested(staffIds: readonly string[]): Promise<QueuedAlert[]> {
    return this.tx.requireTransaction().query(
      `SELECT id, staff_id AS "staffId", kind, urgency, status FROM alerts
        WHERE status = 'digest' AND staff_id = ANY($1::uuid[])
        ORDER BY created_at FOR UPDATE SKIP LOCKED`,
      [staffIds],
    );
  }

  async setStatus(ids: readonly string[], status: string, releaseAt: Date | null): Promise<void> {
    if (ids.length === 0) return;
    await this.tx
      .requireTransaction()
      .query(`UPDATE alerts SET status = $2, release_at = $3 WHERE id = ANY($1::uuid[])`, [
        ids,
        status,
        releaseAt,
      ]);
  }

  async contactsOf(staffIds: readonly string[]): Promise<Map<string, StaffContact>> {
    const rows: Array<{ id: string; email: string | null; active: boolean }> = await this.tx
      .manager()
      .query(`SELECT id, email, active FROM staff WHERE id = ANY($1::uuid[])`, [staffIds]);
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
      await this.tx.requireTransaction().query(
        `INSERT INTO alert_deliveries
           (id, staff_id, channel, alert_ids, digest, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4::uuid[], $5, 'pending', 0, $6, $6)`,
        [this.ids.next(), staffId, channel, alertIds, digest, now],
      );
    }
  }

  /**
   * Takes due deliveries for one attempt each: the attempt is counted and the delivery leased
   * until `leaseUntil`, so a worker that dies mid-send leaves it to be tried again then.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    return this.tx.run(() =>
      this.tx
        .requireTransaction()
        .query(
          `UPDATE alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
          WHERE d.id IN (SELECT id FROM alert_deliveries
                          WHERE status = 'pending' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING d.id, d.staff_id AS "staffId", d.channel, d.alert_ids AS "alertIds",
                    d.digest, d.attempts`,
          [now, leaseUntil, limit],
        )
        .then((result: [ClaimedDelivery[], number]) => result[0]),
    );
  }

  async alertsOf(
    ids: readonly string[],
  ): Promise<Array<{ id: string; title: string; link: string | null }>> {
    return this.tx
      .manager()
      .query(`SELECT id, title, link FROM alerts WHERE id = ANY($1::uuid[]) ORDER BY created_at`, [
        ids,
      ]);
  }

  async chatWebhookOf(staffId: string): Promise<string | null> {
    const rows: Array<{ url: string | null }> = await this.tx
      .manager()
      .query(`SELECT chat_webhook_url AS url FROM alert_settings WHERE staff_id = $1`, [staffId]);
    return rows[0]?.url ?? null;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.tx
      .manager()
      .query(
        `UPDATE alert_deliveries SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`,
        [id, now],
      );
  }

  async markFailed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await this.tx.manager().query(
      `UPDATE alert_deliveries
          SET last_error = $2,
              status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
              next_attempt_at = COALESCE($3::timestamptz, next_attempt_at),
              dead_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz ELSE NULL END
        WHERE id = $1`,
      [id, error, retryAt, now],
    );
  }

  async listDead(limit: number): Promise<DeadDelivery[]> {
    return this.tx.manager().query(
      `SELECT d.id, d.staff_id AS "staffId", d.channel, d.attempts, d.last_error AS "lastError",
              d.created_at AS "createdAt", d.dead_at AS "deadAt",
              cardinality(d.alert_ids) AS "alertCount",
              ARRAY(SELECT DISTINCT a.kind FROM alerts a WHERE a.id = ANY(d.alert_ids)) AS kinds
         FROM alert_deliveries d WHERE d.status = 'dead' ORDER BY d.dead_at DESC LIMIT $1`,
      [limit],
    );
  }

  /** A dead delivery back to pending with fresh attempts; false when there is none such. */
  async redrive(id: string, now: Date): Promise<DeadDelivery | null> {
    const dead = (await this.listDeadById(id))[0];
    if (!dead) return null;
    await this.tx.manager().query(
      `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2,
              dead_at = NULL WHERE id = $1 AND status = 'dead'`,
      [id, now],
    );
    return dead;
  }

  private listDeadById(id: string): Promise<DeadDelivery[]> {
    return this.tx.manager().query(
      `SELECT d.id, d.staff_id AS "staffId", d.channel, d.attempts, d.last_error AS "lastError",
              d.created_at AS "createdAt", d.dead_at AS "deadAt",
              cardinality(d.alert_ids) AS "alertCount",
              ARRAY(SELECT DISTINCT a.kind FROM alerts a WHERE a.id = ANY(d.alert_ids)) AS kinds
         FROM alert_deliveries d WHERE d.id = $1 AND d.status = 'dead' FOR UPDATE`,
      [id],
    );
  }
}
