import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit window: submissions counted under a key (a keyed hash of form and source
 * address, form, or form and contact), shared by every api instance on the database.
 */
@Entity({ name: 'throttle_counters' })
export class ThrottleCounterOrmEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'int' })
  hits!: number;

  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
