import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The admin audit, append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (see the
 * AdminAudit migration). One row per change, written in the change's own transaction. No
 * foreign keys: a row outlives what it names, and the CLI is nobody in `staff`.
 */
@Entity({ name: 'admin_audit' })
@Index('idx_admin_audit_actor', ['actorId', 'id'])
@Index('idx_admin_audit_action', ['action', 'id'])
@Index('idx_admin_audit_target', ['targetType', 'targetId', 'id'])
@Index('idx_admin_audit_at', ['at'])
export class AdminAuditOrmEntity {
  /** UUIDv7: newest first is `ORDER BY id DESC`, and the id is the page cursor. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** `staff` (OIDC token), `api_key` or `cli`. */
  @Column({ name: 'actor_type', type: 'text' })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The CLI's operator; null for staff. */
  @Column({ name: 'actor_label', type: 'text', nullable: true })
  actorLabel!: string | null;

  /** `<target type>.<verb>`, e.g. `staff.role_changed`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  /** A uuid, a form key, or null for the clinic's one settings and rule list. */
  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  /** Redacted: never a secret, key hash or token. */
  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'client_request_id', type: 'text', nullable: true })
  clientRequestId!: string | null;
}
