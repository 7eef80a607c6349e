import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { ConsultationField } from '../domain/consultation-request';
import { Form, FormSettings } from '../domain/form';
import { FormOrmEntity } from './form.orm-entity';

@Injectable()
export class FormRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findByKey(key: string): Promise<Form | null> {
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
    await this.tx.manager().upsert(FormOrmEntity, { ...settings, updatedAt: new Date() }, ['key']);
  }
}
