import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A sign-in on its way through the identity provider: what the callback needs to finish it
 * (PKCE verifier, nonce, where to go after) and the browser it must come back to. Used once.
 */
@Entity({ name: 'auth_pending_logins' })
@Index('idx_auth_pending_logins_expires_at', ['expiresAt'])
export class PendingLoginOrmEntity {
  /** A hash of the `state` parameter. */
  @PrimaryColumn({ name: 'state_hash', type: 'text' })
  stateHash!: string;

  /** A hash of the browser's `intake_login` cookie: the callback must come from that browser. */
  @Column({ name: 'browser_hash', type: 'text' })
  browserHash!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier!: string;

  @Column({ name: 'return_to', type: 'text' })
  returnTo!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
