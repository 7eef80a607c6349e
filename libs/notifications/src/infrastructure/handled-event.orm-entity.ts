import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The events the notifications context has reacted to, by `ce_id`: a redelivery does nothing. */
@Entity({ name: 'notification_inbox' })
export class HandledEventOrmEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'handled_at', type: 'timestamptz' })
  handledAt!: Date;
}
