import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookSubscriptionOrmEntity } from './webhook-subscription.orm-entity';

/**
 * One event for one subscription, queued in the transaction that handled the event and sent by
 * the deliverer after the commit. `(subscription_id, event_id)` is unique: an event that comes
 * again queues nothing new.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('uq_webhook_deliveries_event', ['subscriptionId', 'eventId'], { unique: true })
@Index('idx_webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('idx_webhook_deliveries_lead_order', ['subscriptionId', 'leadId', 'sequence'], {
  where: `status = 'pending'`,
})
@Index('idx_webhook_deliveries_listing', ['subscriptionId', 'createdAt'])
export class WebhookDeliveryOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscriptionOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'subscription_id',
    foreignKeyConstraintName: 'fk_webhook_deliveries_subscription',
  })
  subscription?: WebhookSubscriptionOrmEntity;

  /** The event's `ce_id`: the `webhook-id` header, the same on every attempt and redelivery. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  /** The relay's per-lead sequence: a subscription gets a lead's events in this order. */
  @Column({ type: 'bigint' })
  sequence!: string;

  /** The body as sent: the published envelope without the withheld fields. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** `pending` until `delivered`, or `failed` when retries ran out. */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** Retries stop a day (WEBHOOKS_RETRY_WINDOW_HOURS) after this. */
  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_latency_ms', type: 'integer', nullable: true })
  lastLatencyMs!: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
