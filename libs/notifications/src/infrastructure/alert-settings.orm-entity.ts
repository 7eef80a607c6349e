import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's alert choices; no row: the defaults (email on, every kind, no quiet hours). */
@Entity({ name: 'alert_settings' })
export class AlertSettingsOrmEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ name: 'email_enabled', type: 'boolean', default: true })
  emailEnabled!: boolean;

  @Column({ name: 'chat_webhook_url', type: 'text', nullable: true })
  chatWebhookUrl!: string | null;

  @Column({ type: 'text', array: true })
  kinds!: string[];

  @Column({ name: 'quiet_start', type: 'text', nullable: true })
  quietStart!: string | null;

  @Column({ name: 'quiet_end', type: 'text', nullable: true })
  quietEnd!: string | null;

  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone!: string;

  @Column({ type: 'text', default: 'off' })
  digest!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
