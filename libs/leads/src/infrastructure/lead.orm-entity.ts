import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Touch } from '../domain/inquiry';

/**
 * The list endpoint's indexes: each serves one filter in one sort order, (created_at, id) or
 * (priority_rank, created_at, id), so a page is a short index range scan at any table size.
 * Personal columns hold text sealed with the lead's data key (lead-privacy.ts); lookups go
 * through the blind indexes.
 */
@Entity({ name: 'leads' })
@Index('idx_leads_email_index', ['emailIndex'], { where: 'email_index IS NOT NULL' })
@Index('idx_leads_phone_index', ['phoneIndex'], { where: 'phone_index IS NOT NULL' })
@Index('idx_leads_created', ['createdAt', 'id'])
@Index('idx_leads_queue', ['priorityRank', 'createdAt', 'id'])
@Index('idx_leads_status_created', ['status', 'createdAt', 'id'])
@Index('idx_leads_status_queue', ['status', 'priorityRank', 'createdAt', 'id'])
@Index('idx_leads_owner_created', ['ownerId', 'createdAt', 'id'])
@Index('idx_leads_crisis_created', ['createdAt', 'id'], { where: 'crisis_flag' })
// One per remaining filter: a rare combination becomes a BitmapAnd of a few thousand entries,
// not a walk down the created index that finds nothing.
@Index('idx_leads_form_created', ['formKey', 'createdAt', 'id'])
@Index('idx_leads_source_created', ['source', 'createdAt', 'id'])
@Index('idx_leads_state_created', ['state', 'createdAt', 'id'])
@Index('idx_leads_interest_created', ['interest', 'createdAt', 'id'])
// GIN over the name tokens' blind indexes: by hand in the FieldEncryption migration.
@Index('idx_leads_name_index', { synchronize: false })
// Open leads per owner, for capacity and least-loaded routing: by hand in the Scheduling migration.
@Index('idx_leads_owner_open', { synchronize: false })
export class LeadOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ name: 'priority_rank', type: 'smallint' })
  priorityRank!: number;

  @Column({ name: 'crisis_flag', type: 'boolean' })
  crisisFlag!: boolean;

  /** Sealed; null once the lead is erased. */
  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Blind index of the (lower-case) email. */
  @Column({ name: 'email_index', type: 'text', nullable: true })
  emailIndex!: string | null;

  /** Blind index of the E.164 phone. */
  @Column({ name: 'phone_index', type: 'text', nullable: true })
  phoneIndex!: string | null;

  /** Blind indexes of the name's folded tokens and their prefixes, for search. */
  @Column({ name: 'name_index', type: 'text', array: true })
  nameIndex!: string[];

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

  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ name: 'contact_consent', type: 'boolean' })
  contactConsent!: boolean;

  @Column({ name: 'sms_consent', type: 'boolean' })
  smsConsent!: boolean;

  @Column({ name: 'first_touch', type: 'jsonb' })
  firstTouch!: Touch;

  @Column({ name: 'latest_touch', type: 'jsonb' })
  latestTouch!: Touch;

  /** The first touch's utm_source, or `direct`: the lead's source, as a filterable column. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'form_key', type: 'text' })
  formKey!: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'submission_count', type: 'int' })
  submissionCount!: number;

  @Column({ name: 'contact_attempt_count', type: 'int' })
  contactAttemptCount!: number;

  @Column({ name: 'first_contact_attempt_at', type: 'timestamptz', nullable: true })
  firstContactAttemptAt!: Date | null;

  @Column({ name: 'first_reached_at', type: 'timestamptz', nullable: true })
  firstReachedAt!: Date | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_submitted_at', type: 'timestamptz' })
  lastSubmittedAt!: Date;

  /** De-identified (erasure or retention): personal columns are gone; figures stay. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @Column({ name: 'do_not_contact', type: 'boolean', default: false })
  doNotContact!: boolean;
}
