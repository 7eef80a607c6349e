import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Touch } from '../domain/inquiry';

@Entity({ name: 'leads' })
@Index('idx_leads_email', ['email'], { where: 'email IS NOT NULL' })
@Index('idx_leads_phone', ['phone'], { where: 'phone IS NOT NULL' })
@Index('idx_leads_created_at', ['createdAt'])
export class LeadOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ name: 'crisis_flag', type: 'boolean' })
  crisisFlag!: boolean;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'preferred_contact', type: 'text', nullable: true })
  preferredContact!: string | null;

  @Column({ name: 'best_time_to_contact', type: 'text', nullable: true })
  bestTimeToContact!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  state!: string | null;

  @Column({ type: 'text', nullable: true })
  interest!: string | null;

  @Column({ name: 'how_did_you_hear', type: 'text', nullable: true })
  howDidYouHear!: string | null;

  @Column({ name: 'contact_consent', type: 'boolean' })
  contactConsent!: boolean;

  @Column({ name: 'sms_consent', type: 'boolean' })
  smsConsent!: boolean;

  @Column({ name: 'first_touch', type: 'jsonb' })
  firstTouch!: Touch;

  @Column({ name: 'latest_touch', type: 'jsonb' })
  latestTouch!: Touch;

  @Column({ name: 'form_key', type: 'text' })
  formKey!: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'submission_count', type: 'int' })
  submissionCount!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_submitted_at', type: 'timestamptz' })
  lastSubmittedAt!: Date;
}
