import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A crisis page: opened by the crisis pager in the transaction of the event that carried crisis
 * language, escalated by the worker's clock, acknowledged through the API. Ids and times only.
 */
@Entity({ name: 'crisis_pages' })
@Index('uq_crisis_pages_open_lead', ['leadId'], { unique: true, where: `status = 'open'` })
@Index('idx_crisis_pages_escalate', ['escalateAt'], { where: `status = 'open'` })
@Index('idx_crisis_pages_lead', ['leadId', 'openedAt'])
export class CrisisPageOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'lead_id', type: 'uuid' })
  leadId!: string;

  /** `open` until acknowledged. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer' })
  step!: number;

  /** Who is paged, in order, fixed when the page opened; empty: the admins. */
  @Column({ name: 'paging_order', type: 'uuid', array: true })
  pagingOrder!: string[];

  @Column({ name: 'paged_staff_id', type: 'uuid', nullable: true })
  pagedStaffId!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'escalate_at', type: 'timestamptz' })
  escalateAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true })
  firstContactAt!: Date | null;
}
