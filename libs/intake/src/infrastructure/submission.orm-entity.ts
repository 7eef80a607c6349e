import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'submissions' })
@Index('idx_submissions_lead_id', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Index('idx_submissions_form_received', ['formKey', 'receivedAt'])
export class SubmissionOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'form_key', type: 'text' })
  formKey!: string;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @Column({ type: 'text' })
  status!: 'accepted' | 'rejected';

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  /**
   * The fields Intake understands, exactly as received (before normalization): JSON sealed with
   * the lead's data key, or the submission's own for rejected spam (no lead). Null once removed:
   * the lead was erased, or retention passed after it closed.
   */
  @Column({ type: 'text', nullable: true })
  fields!: string | null;

  /** Sealed like `fields`. */
  @Column({ name: 'unknown_fields', type: 'text', nullable: true })
  unknownFields!: string | null;

  @Column({ type: 'jsonb' })
  attribution!: object;

  @Column({ name: 'ip_hash', type: 'text', nullable: true })
  ipHash!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'fill_ms', type: 'int', nullable: true })
  fillMs!: number | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
