import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '@intake/platform';
import { ConsultationField } from '../domain/consultation-request';
import { Form, FORM_KEY, FormSettings } from '../domain/form';
import { FormOrmEntity } from './form.orm-entity';

@Injectable()
export class FormRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** `lock`: the row stays locked to the end of the transaction, so it is read as changed. */
  async findByKey(key: string, options: { lock?: boolean } = {}): Promise<Form | null> {
    if (!FORM_KEY.test(key)) return null;
    const row = await this.tx.manager().findOne(FormOrmEntity, {
      where: { key },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? toForm(row) : null;
  }

  /** Forms with their last change, by key: all of them, or the one named. */
  async list(key: string | null = null): Promise<Array<{ form: Form; updatedAt: Date }>> {
    if (key !== null && !FORM_KEY.test(key)) return [];
    const rows = await this.tx
      .manager()
      .find(FormOrmEntity, { where: key === null ? {} : { key }, order: { key: 'ASC' } });
    return rows.map((row) => ({ form: toForm(row), updatedAt: row.updatedAt }));
  }

  /** Creates or replaces a form's settings; says whether it created it, and when. */
  async save(settings: FormSettings): Promise<{ created: boolean; updatedAt: Date }> {
    const form = new Form(settings);
    const rows: Array<{ created: boolean; updatedAt: Date }> = await this.tx.manager().query(
      `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                          required_fields, min_fill_seconds, limits, require_start_token, captcha,
                          created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name,
         allowed_origins = EXCLUDED.allowed_origins, thank_you_url = EXCLUDED.thank_you_url,
         honeypot_field = EXCLUDED.honeypot_field, field_aliases = EXCLUDED.field_aliases,
         required_fields = EXCLUDED.required_fields, min_fill_seconds = EXCLUDED.min_fill_seconds,
         limits = EXCLUDED.limits, require_start_token = EXCLUDED.require_start_token,
         captcha = EXCLUDED.captcha, updated_at = EXCLUDED.updated_at
       RETURNING (xmax = 0) AS created, updated_at AS "updatedAt"`,
      [
        form.key,
        form.settings.name,
        form.settings.allowedOrigins,
        form.settings.thankYouUrl,
        form.settings.honeypotField,
        JSON.stringify(form.settings.fieldAliases),
        form.settings.requiredFields,
        form.settings.minFillSeconds,
        JSON.stringify(form.settings.limits),
        form.settings.requireStartToken,
        form.settings.captcha === null ? null : JSON.stringify(form.settings.captcha),
        this.clock.now(),
      ],
    );
    return rows[0]!;
  }
}

function toForm(row: FormOrmEntity): Form {
  return new Form({
    key: row.key,
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    thankYouUrl: row.thankYouUrl,
    honeypotField: row.honeypotField,
    fieldAliases: row.fieldAliases,
    requiredFields: row.requiredFields as ConsultationField[],
    minFillSeconds: row.minFillSeconds,
    limits: row.limits,
    requireStartToken: row.requireStartToken,
    captcha: row.captcha,
  });
}
