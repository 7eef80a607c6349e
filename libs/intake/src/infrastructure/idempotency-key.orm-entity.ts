import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'idempotency_keys' })
@Index('idx_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKeyOrmEntity {
  @PrimaryColumn({ name: 'form_key', type: 'text' })
  formKey!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** The first response, replayed to every retry within the window. */
  @Column({ type: 'jsonb', nullable: true })
  response!: object | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
