import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every row that belongs to one lead starts with (attempts, notes, history, contacts
 * to confirm): its own id and its lead's. Each entity adds its own foreign key, whose name and
 * delete rule are its own.
 */
export abstract class LeadChildColumns {
  /** UUIDv7: time-ordered, so (lead_id, id) is the order things happened in. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'lead_id', type: 'uuid' })
  leadId!: string;
}
