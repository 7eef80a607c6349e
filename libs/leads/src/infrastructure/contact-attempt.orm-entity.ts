import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ContactReceipt } from '../domain/contact-attempt';
import { LeadChildColumns } from './lead-child.orm-columns';
import { LeadOrmEntity } from './lead.orm-entity';

@Entity({ name: 'lead_contact_attempts' })
@Index('uq_lead_contact_attempts_number', ['leadId', 'attemptNumber'], { unique: true })
export class ContactAttemptOrmEntity extends LeadChildColumns {
  @ManyToOne(() => LeadOrmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_contact_attempts_lead' })
  lead?: LeadOrmEntity;

  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber!: number;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'callback_at', type: 'timestamptz', nullable: true })
  callbackAt!: Date | null;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  /** What the attempt relied on (null before the consent ledger): consent, local time, zone. */
  @Column({ type: 'jsonb', nullable: true })
  receipt!: ContactReceipt | null;
}
