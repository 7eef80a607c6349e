import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Both indexes cover only unpublished rows, so they stay small however long the table grows.
@Entity({ name: 'outbox' })
@Index('idx_outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
@Index('idx_outbox_unpublished_key', ['partitionKey', 'seq'], { where: 'published_at IS NULL' })
// One number per event of a key, never two: also how a replay finds one lead's events.
@Index('uq_outbox_key_sequence', ['partitionKey', 'sequence'], { unique: true })
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

  /**
   * The event's place among its key's events: 1, 2, 3… (the envelope's `sequence`), given by the
   * relay when it first sends the event, so it follows the topic's order; null until then.
   */
  @Column({ type: 'bigint', nullable: true })
  sequence!: string | null;

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

  /**
   * When the relay gave up on a record the broker kept refusing (RELAY_MAX_ATTEMPTS); a parked
   * record holds nothing back, and waits for `outbox:redrive` or `outbox:discard`.
   */
  @Column({ name: 'parked_at', type: 'timestamptz', nullable: true })
  parkedAt!: Date | null;

  /** Why, as a code: `KAFKA.<the broker's error type>`, e.g. `KAFKA.MESSAGE_TOO_LARGE`. */
  @Column({ name: 'parked_reason', type: 'text', nullable: true })
  parkedReason!: string | null;
}

/**
 * The last sequence number given to each key's events; outlives the outbox rows it numbered. A
 * rejected submission's key has one event ever (sequence 1) and no row here.
 */
@Entity({ name: 'event_sequences' })
export class EventSequenceOrmEntity {
  @PrimaryColumn({ name: 'stream_key', type: 'text' })
  streamKey!: string;

  @Column({ name: 'last_sequence', type: 'bigint' })
  lastSequence!: string;
}

/**
 * How far the pruner has deleted: every published event that happened at or after
 * `complete_from` is still in the outbox, so a replay from then on misses nothing. One row.
 */
@Entity({ name: 'outbox_retention' })
export class OutboxRetentionOrmEntity {
  @PrimaryColumn({ type: 'boolean', default: true })
  singleton!: boolean;

  @Column({ name: 'complete_from', type: 'timestamptz' })
  completeFrom!: Date;
}
