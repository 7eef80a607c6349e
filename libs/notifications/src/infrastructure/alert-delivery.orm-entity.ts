import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One message on one channel to one person: one alert, or several in a digest. `pending` until
 * sent; each failure waits longer (`next_attempt_at`); after the last attempt it is `dead`, where
 * an admin sees it and can send it again.
 */
@Entity({ name: 'alert_deliveries' })
@Index('idx_alert_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('idx_alert_deliveries_dead', ['deadAt'], { where: `status = 'dead'` })
export class AlertDeliveryOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  /** `email` or `chat`. */
  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'alert_ids', type: 'uuid', array: true })
  alertIds!: string[];

  @Column({ type: 'boolean', default: false })
  digest!: boolean;

  /** `pending`, `sent` or `dead`. */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** Why the last attempt failed: the server's answer or the network error, never the message. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;
}
