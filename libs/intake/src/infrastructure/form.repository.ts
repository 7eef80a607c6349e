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

  async findByKey(key: string): Promise<Form | null> {
    if (!FORM_KEY.test(key)) return null;
    const row = await this.tx.manager().findOneBy(FormOrmEntity, { key });
    return row
      ? new Form({
          key: row.key,
          name: row.name,
          allowedOrigins: row.allowedOrigins,
          thankYouUrl: row.thankYouUrl,
          honeypotField: row.honeypotField,
          fieldAliases: row.fieldAliases,
          requiredFields: row.requiredFields as ConsultationField[],
          minFillSeconds: row.minFillSeconds,
        })
      : null;
  }

  /** Creates or replaces a form's settings (seeding, tests, and later the admin API). */
  async save(settings: FormSettings): Promise<void> {
    const form = new Form(settings);
    await this.tx
      .manager()
      .upsert(FormOrmEntity, { ...form.settings, updatedAt: this.clock.now() }, ['key']);
  }
}
