import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A lead-events record the notifications consumer could not handle after its retries: parked
 * here so its partition goes on. The value is the published envelope (ids, no personal data).
 */
@Entity({ name: 'notification_parked_events' })
export class ParkedEventOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** `ce_id`, when the record had one. */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  @Column({ name: 'record_offset', type: 'text' })
  offset!: string;

  @Column({ type: 'text', nullable: true })
  key!: string | null;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string | undefined>;

  /** Why: the rule or the error's class and code, never a quote of the value. */
  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'parked_at', type: 'timestamptz' })
  parkedAt!: Date;

  /** An admin asked for it to be handled again; the worker takes it up within its poll. */
  @Column({ name: 'redrive_requested_at', type: 'timestamptz', nullable: true })
  redriveRequestedAt!: Date | null;
}
