import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

const COLUMNS = `id, url, event_types AS "eventTypes", description, enabled,
  disabled_reason AS "disabledReason", disabled_at AS "disabledAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  list(): Promise<WebhookSubscription[]> {
    return this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`);
  }

  /** `forUpdate` (in a transaction): two changes to one subscription queue up. */
  async find(id: string, forUpdate = false): Promise<WebhookSubscription | null> {
    const manager = forUpdate ? this.tx.requireTransaction() : this.tx.manager();
    const lock = forUpdate ? 'FOR UPDATE' : '';
    const rows: WebhookSubscription[] = await manager.query(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1 ${lock}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(subscription: WebhookSubscription, secret: string): Promise<void> {
    await this.tx.requireTransaction().query(
      `INSERT INTO webhook_subscriptions
         (id, url, event_types, description, enabled, secret, disabled_reason, disabled_at,
          created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        subscription.id,
        subscription.url,
        subscription.eventTypes,
        subscription.description,
        subscription.enabled,
        secret,
        subscription.disabledReason,
        subscription.disabledAt,
        subscription.createdAt,
        subscription.updatedAt,
      ],
    );
  }

  async update(subscription: WebhookSubscription): Promise<void> {
    await this.tx.requireTransaction().query(
      `UPDATE webhook_subscriptions
          SET url = $2, event_types = $3, description = $4, enabled = $5, disabled_reason = $6,
              disabled_at = $7, updated_at = $8
        WHERE id = $1`,
      [
        subscription.id,
        subscription.url,
        subscription.eventTypes,
        subscription.description,
        subscription.enabled,
        subscription.disabledReason,
        subscription.disabledAt,
        subscription.updatedAt,
      ],
    );
  }

  /** The new secret; the one before it is kept for signing until `previousUntil` (if later than now). */
  async rotateSecret(id: string, secret: string, at: Date, previousUntil: Date): Promise<void> {
    await this.tx.requireTransaction().query(
      `UPDATE webhook_subscriptions
          SET previous_secret = CASE WHEN $4::timestamptz > $3::timestamptz THEN secret END,
              previous_secret_expires_at = CASE WHEN $4::timestamptz > $3::timestamptz THEN $4::timestamptz END,
              secret = $2, updated_at = $3
        WHERE id = $1`,
      [id, secret, at, previousUntil],
    );
  }

  /** Its deliveries and their attempts go with it. */
  async delete(id: string): Promise<void> {
    await this.tx
      .requireTransaction()
      .query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
  }

  /** The enabled subscriptions that asked for `eventType`. */
  async matching(eventType: string): Promise<Array<{ id: string }>> {
    return this.tx
      .manager()
      .query(
        `SELECT id FROM webhook_subscriptions WHERE enabled AND $1 = ANY(event_types) ORDER BY id`,
        [eventType],
      );
  }

  /** Turns it off because it keeps failing; false when it was already off. */
  async disableFailing(id: string, at: Date): Promise<boolean> {
    // An UPDATE answers [rows, count].
    const [rows]: [unknown[], number] = await this.tx.requireTransaction().query(
      `UPDATE webhook_subscriptions
          SET enabled = false, disabled_reason = 'failing', disabled_at = $2, updated_at = $2
        WHERE id = $1 AND enabled
        RETURNING id`,
      [id, at],
    );
    return rows.length > 0;
  }
}
