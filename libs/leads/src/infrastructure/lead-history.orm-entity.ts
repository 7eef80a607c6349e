import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LeadChildColumns } from './lead-child.orm-columns';
import { LeadOrmEntity } from './lead.orm-entity';

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
@Entity({ name: 'lead_history' })
@Index('idx_lead_history_lead', ['leadId', 'id'])
export class LeadHistoryOrmEntity extends LeadChildColumns {
  @ManyToOne(() => LeadOrmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_history_lead' })
  lead?: LeadOrmEntity;

  @Column({ type: 'text' })
  action!: string;

  /** Null when the website (a submission) made the change. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'jsonb' })
  changes!: object;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
