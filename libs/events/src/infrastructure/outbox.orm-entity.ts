import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Both indexes cover only unpublished rows, so they stay small however long the table grows.
@Entity({ name: 'outbox' })
@Index('idx_outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
@Index('idx_outbox_unpublished_key', ['partitionKey', 'seq'], { where: 'published_at IS NULL' })
export class OutboxOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'uuid', unique: true })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'partition_key', type: 'text' })
  partitionKey!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
