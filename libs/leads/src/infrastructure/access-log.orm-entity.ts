import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who read which lead's personal data, append-only. One row per request: a list page names
 * every lead it showed, so the log costs one insert per read, not one per lead.
 */
@Entity({ name: 'access_log' })
@Index('idx_access_log_actor', ['actorId', 'id'])
// GIN over lead_ids (which leads a read touched) is created in the migration by hand.
@Index('idx_access_log_lead_ids', { synchronize: false })
export class AccessLogOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** What was read: `lead.viewed`, `leads.listed`, `lead.notes_listed`, `lead.consents_listed`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'lead_ids', type: 'uuid', array: true })
  leadIds!: string[];

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
