import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An integrator's endpoint and the event types it is sent. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /**
   * The Standard Webhooks signing secret (`whsec_…`). Kept as is, not hashed: every delivery is
   * signed with it. Shown once, when created or rotated; never in a listing, a log or the audit.
   */
  @Column({ type: 'text' })
  secret!: string;

  /**
   * After a rotation, the secret before it, still signed with beside the new one until
   * `previous_secret_expires_at`, so receivers can switch without missing a delivery.
   */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  /** Why it is off: `failing` when Intake turned it off, `admin` when a person did. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
