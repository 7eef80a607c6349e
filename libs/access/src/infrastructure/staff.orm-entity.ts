import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'staff' })
@Index('uq_staff_oidc_subject', ['oidcIssuer', 'oidcSubject'], {
  unique: true,
  where: 'oidc_subject IS NOT NULL',
})
export class StaffOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'oidc_issuer', type: 'text', nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
