import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookDeliveryOrmEntity } from './webhook-delivery.orm-entity';

/** One try at sending a delivery: what the receiver answered, and how long it took. */
@Entity({ name: 'webhook_delivery_attempts' })
@Index('idx_webhook_delivery_attempts_delivery', ['deliveryId', 'attemptedAt'])
export class WebhookDeliveryAttemptOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDeliveryOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'delivery_id',
    foreignKeyConstraintName: 'fk_webhook_delivery_attempts_delivery',
  })
  delivery?: WebhookDeliveryOrmEntity;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  /** The HTTP status; null when no answer came (refused address, timeout, connection error). */
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  /** What went wrong, in Intake's words (never the receiver's body). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
