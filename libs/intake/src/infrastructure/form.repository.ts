import { Injectable } from '@nestjs/common';
import { Clock, forgetInRequest, memoInRequest, sql, TransactionRunner } from '@intake/platform';
import { ConsultationField } from '../domain/consultation-request';
import { Form, FORM_KEY, FormSettings } from '../domain/form';
import { FormOrmEntity } from './form.orm-entity';

// The forms entity lists them and locks one; the read every submission makes (a prepared
// statement, planned once per connection) and the upsert, which says whether it created the
// form, are SQL.
const FIND = sql<{ key: string }, Omit<FormOrmEntity, 'createdAt' | 'updatedAt'>>(
  `SELECT key, name, allowed_origins AS "allowedOrigins", thank_you_url AS "thankYouUrl",
          honeypot_field AS "honeypotField", field_aliases AS "fieldAliases",
          required_fields AS "requiredFields", min_fill_seconds AS "minFillSeconds", limits,
          require_start_token AS "requireStartToken", captcha
     FROM forms WHERE key = :key`,
);
const SAVE = sql<
  {
    key: string;
    name: string;
    allowedOrigins: readonly string[];
    thankYouUrl: string | null;
    honeypotField: string | null;
    fieldAliases: string;
    requiredFields: readonly string[];
    minFillSeconds: number;
    limits: string;
    requireStartToken: boolean;
    captcha: string | null;
    at: Date;
  },
  { created: boolean; updatedAt: Date }
>(
  `INSERT INTO forms (key, name, allowed_origins, thank_you_url, honeypot_field, field_aliases,
                      required_fields, min_fill_seconds, limits, require_start_token, captcha,
                      created_at, updated_at)
   VALUES (:key, :name, :allowedOrigins, :thankYouUrl, :honeypotField, :fieldAliases,
           :requiredFields, :minFillSeconds, :limits, :requireStartToken, :captcha, :at, :at)
   ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name,
     allowed_origins = EXCLUDED.allowed_origins, thank_you_url = EXCLUDED.thank_you_url,
     honeypot_field = EXCLUDED.honeypot_field, field_aliases = EXCLUDED.field_aliases,
     required_fields = EXCLUDED.required_fields, min_fill_seconds = EXCLUDED.min_fill_seconds,
     limits = EXCLUDED.limits, require_start_token = EXCLUDED.require_start_token,
     captcha = EXCLUDED.captcha, updated_at = EXCLUDED.updated_at
   RETURNING (xmax = 0) AS created, updated_at AS "updatedAt"`,
);

@Injectable()
export class FormRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * A form by key. Read once per HTTP request (a submission's throttle, origin check and handler
   * all ask); each request reads it afresh, so a change applies from the next request in every
   * process. `lock`: read now, and the row stays locked to the end of the transaction, so it is
   * read as changed.
   */
  async findByKey(key: string, options: { lock?: boolean } = {}): Promise<Form | null> {
    if (!FORM_KEY.test(key)) return null;
    if (options.lock) {
      const row = await this.tx.manager().findOne(FormOrmEntity, {
        where: { key },
        lock: { mode: 'pessimistic_write' as const },
      });
      return row ? toForm(row) : null;
    }
    return memoInRequest(`form:${key}`, async () => {
      const row = await FIND.one(this.tx.manager(), { key });
      return row ? toForm(row) : null;
    });
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
    const { settings: f } = form;
    forgetInRequest(`form:${form.key}`);
    return (await SAVE.one(this.tx.manager(), {
      key: form.key,
      name: f.name,
      allowedOrigins: f.allowedOrigins,
      thankYouUrl: f.thankYouUrl,
      honeypotField: f.honeypotField,
      fieldAliases: JSON.stringify(f.fieldAliases),
      requiredFields: f.requiredFields,
      minFillSeconds: f.minFillSeconds,
      limits: JSON.stringify(f.limits),
      requireStartToken: f.requireStartToken,
      captcha: f.captcha === null ? null : JSON.stringify(f.captcha),
      at: this.clock.now(),
    }))!;
  }
}

function toForm(row: Omit<FormOrmEntity, 'createdAt' | 'updatedAt'>): Form {
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
