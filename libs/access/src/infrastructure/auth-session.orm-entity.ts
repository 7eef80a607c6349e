import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffOrmEntity } from './staff.orm-entity';

/**
 * A signed-in browser: the console's server-side session. Only a hash of the cookie's value is
 * kept, so a copy of the table signs nobody in.
 */
@Entity({ name: 'auth_sessions' })
@Index('idx_auth_sessions_staff_id', ['staffId'])
@Index('idx_auth_sessions_expires_at', ['expiresAt'])
export class AuthSessionOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Index('uq_auth_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_auth_sessions_staff' })
  staff?: StaffOrmEntity;

  /** Sent back in `X-CSRF-Token` on every unsafe request made with the cookie. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The idle expiry, which slides with use; never later than the absolute one. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'absolute_expires_at', type: 'timestamptz' })
  absoluteExpiresAt!: Date;
}
