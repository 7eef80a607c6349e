import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One alert for one person, queued in the transaction of the event that caused it and sent after
 * the commit by the alert deliverer. `(dedupe_key, staff_id)` is unique: an event that comes
 * again queues nothing new.
 */
@Entity({ name: 'alerts' })
@Index('uq_alerts_dedupe', ['dedupeKey', 'staffId'], { unique: true })
@Index('idx_alerts_pending', ['createdAt'], { where: `status = 'pending'` })
@Index('idx_alerts_staff', ['staffId', 'createdAt'])
@Index('idx_alerts_release', ['releaseAt'], { where: `status IN ('held', 'digest')` })
export class AlertOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** What happened, with no personal data. */
  @Column({ type: 'text' })
  title!: string;

  /** A console path. */
  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  /** `pending` until the deliverer has dealt with it; the deliverer's own states after that. */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** A held (quiet hours) or digested alert: when it goes out. */
  @Column({ name: 'release_at', type: 'timestamptz', nullable: true })
  releaseAt!: Date | null;
}
