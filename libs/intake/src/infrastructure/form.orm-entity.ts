import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaptchaSettings, SubmissionLimits } from '../domain/form';

@Entity({ name: 'forms' })
export class FormOrmEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins!: string[];

  @Column({ name: 'thank_you_url', type: 'text' })
  thankYouUrl!: string;

  @Column({ name: 'honeypot_field', type: 'text', default: 'website' })
  honeypotField!: string;

  @Column({ name: 'field_aliases', type: 'jsonb', default: () => "'{}'" })
  fieldAliases!: Record<string, string>;

  @Column({ name: 'required_fields', type: 'text', array: true, default: () => "'{}'" })
  requiredFields!: string[];

  @Column({ name: 'min_fill_seconds', type: 'int', default: 3 })
  minFillSeconds!: number;

  /** Per-form submission limits; the defaults are DEFAULT_SUBMISSION_LIMITS. */
  @Column({
    type: 'jsonb',
    default: () =>
      `'{"perForm": {"limit": 300, "windowSeconds": 60}, "perSource": {"limit": 20, "windowSeconds": 600}, "perContact": {"limit": 5, "windowSeconds": 3600}}'`,
  })
  limits!: SubmissionLimits;

  @Column({ name: 'require_start_token', type: 'boolean', default: false })
  requireStartToken!: boolean;

  /** The captcha widget's provider, keys and fail mode; the secret is in here. */
  @Column({ type: 'jsonb', nullable: true })
  captcha!: CaptchaSettings | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
