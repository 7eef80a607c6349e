import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

const COLUMNS = `id, url, event_types AS "eventTypes", description, enabled,
  disabled_reason AS "disabledReason", disabled_at AS "disabledAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const LIST = sql<Record<string, never>, WebhookSubscription>(
  `SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`,
);
const findStatement = (lock: string) =>
  sql<{ id: string }, WebhookSubscription>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = :id ${lock}`,
  );
const FIND = findStatement('');
const FIND_FOR_UPDATE = findStatement('FOR UPDATE');
const INSERT = sql<WebhookSubscription & { secret: string }>(
  `INSERT INTO webhook_subscriptions
     (id, url, event_types, description, enabled, secret, disabled_reason, disabled_at,
      created_at, updated_at)
   VALUES (:id, :url, :eventTypes, :description, :enabled, :secret, :disabledReason, :disabledAt,
           :createdAt, :updatedAt)`,
);
const UPDATE = sql<WebhookSubscription>(
  `UPDATE webhook_subscriptions
      SET url = :url, event_types = :eventTypes, description = :description, enabled = :enabled,
          disabled_reason = :disabledReason, disabled_at = :disabledAt, updated_at = :updatedAt
    WHERE id = :id`,
);
const ROTATE_SECRET = sql<{ id: string; secret: string; at: Date; previousUntil: Date }>(
  `UPDATE webhook_subscriptions
      SET previous_secret = CASE WHEN :previousUntil::timestamptz > :at::timestamptz THEN secret END,
          previous_secret_expires_at = CASE WHEN :previousUntil::timestamptz > :at::timestamptz THEN :previousUntil::timestamptz END,
          secret = :secret, updated_at = :at
    WHERE id = :id`,
);
const DELETE = sql<{ id: string }>(`DELETE FROM webhook_subscriptions WHERE id = :id`);
const MATCHING = sql<{ eventType: string }, { id: string }>(
  `SELECT id FROM webhook_subscriptions WHERE enabled AND :eventType = ANY(event_types) ORDER BY id`,
);
const DISABLE_FAILING = sql<{ id: string; at: Date }, { id: string }>(
  `UPDATE webhook_subscriptions
      SET enabled = false, disabled_reason = 'failing', disabled_at = :at, updated_at = :at
    WHERE id = :id AND enabled
    RETURNING id`,
);

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  list(): Promise<WebhookSubscription[]> {
    return LIST.rows(this.tx.manager(), {});
  }

  /** `forUpdate` (in a transaction): two changes to one subscription queue up. */
  find(id: string, forUpdate = false): Promise<WebhookSubscription | null> {
    return forUpdate
      ? FIND_FOR_UPDATE.one(this.tx.requireTransaction(), { id })
      : FIND.one(this.tx.manager(), { id });
  }

  async insert(subscription: WebhookSubscription, secret: string): Promise<void> {
    await INSERT.execute(this.tx.requireTransaction(), { ...subscription, secret });
  }

  async update(subscription: WebhookSubscription): Promise<void> {
    await UPDATE.execute(this.tx.requireTransaction(), subscription);
  }

  /** The new secret; the one before it is kept for signing until `previousUntil` (if later than now). */
  async rotateSecret(id: string, secret: string, at: Date, previousUntil: Date): Promise<void> {
    await ROTATE_SECRET.execute(this.tx.requireTransaction(), { id, secret, at, previousUntil });
  }

  /** Its deliveries and their attempts go with it. */
  async delete(id: string): Promise<void> {
    await DELETE.execute(this.tx.requireTransaction(), { id });
  }

  /** The enabled subscriptions that asked for `eventType`. */
  matching(eventType: string): Promise<Array<{ id: string }>> {
    return MATCHING.rows(this.tx.manager(), { eventType });
  }

  /** Turns it off because it keeps failing; false when it was already off. */
  async disableFailing(id: string, at: Date): Promise<boolean> {
    const rows = await DISABLE_FAILING.rows(this.tx.requireTransaction(), { id, at });
    return rows.length > 0;
  }
}
