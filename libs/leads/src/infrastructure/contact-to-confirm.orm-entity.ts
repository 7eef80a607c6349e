import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LeadChildColumns } from './lead-child.orm-columns';
import { LeadOrmEntity } from './lead.orm-entity';

/**
 * An email or phone a later request brought that the lead does not have. The request needed no
 * credentials, so the value waits here until staff confirm it (it becomes the lead's) or
 * dismiss it. One pending row per lead, channel and value (by its blind index: the value is
 * sealed).
 */
@Entity({ name: 'lead_contacts_to_confirm' })
@Index('uq_lead_contacts_to_confirm_pending', ['leadId', 'channel', 'valueIndex'], {
  unique: true,
  where: `"status" = 'pending'`,
})
export class ContactToConfirmOrmEntity extends LeadChildColumns {
  @ManyToOne(() => LeadOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_contacts_to_confirm_lead' })
  lead?: LeadOrmEntity;

  @Column({ type: 'text' })
  channel!: 'email' | 'phone';

  /** Sealed with the lead's data key. */
  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'value_index', type: 'text' })
  valueIndex!: string;

  /** The request that brought it. */
  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'confirmed' | 'dismissed';

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
