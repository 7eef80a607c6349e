import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The clinic's one on-call settings row (id 1); the defaults until an admin saves their own. */
@Entity({ name: 'crisis_on_call_settings' })
@Check('ck_crisis_on_call_settings_one_row', `id = 1`)
export class OnCallSettingsOrmEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** `OnCallSettings`: staff ids, days and times only. */
  @Column({ type: 'jsonb' })
  settings!: object;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
