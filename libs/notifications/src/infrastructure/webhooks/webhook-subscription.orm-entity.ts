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
