import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LeadChildColumns } from './lead-child.orm-columns';
import { LeadOrmEntity } from './lead.orm-entity';

@Entity({ name: 'lead_notes' })
@Index('idx_lead_notes_lead', ['leadId', 'createdAt'])
export class LeadNoteOrmEntity extends LeadChildColumns {
  @ManyToOne(() => LeadOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_notes_lead' })
  lead?: LeadOrmEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
