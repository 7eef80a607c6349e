import { Injectable } from '@nestjs/common';
import type { SubmissionOfLead } from '@intake/leads';
import { DataKeys, sealedPlace, TransactionRunner } from '@intake/platform';
import { Submission } from '../domain/submission';
import { SubmissionOrmEntity } from './submission.orm-entity';

/** Where a submission's sealed raw fields live, bound into the sealed text. */
export function fieldsContext(column: 'fields' | 'unknown_fields', id: string): string {
  return sealedPlace('submissions', column, id);
}

@Injectable()
export class SubmissionRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DataKeys,
  ) {}

  /**
   * The raw fields are sealed with the lead's data key, so erasing the lead erases them too;
   * rejected spam has no lead and gets a data key of its own (the submission's id).
   */
  async insert(submission: Submission): Promise<void> {
    const s = submission.snapshot();
    const sealer = s.leadId ? await this.keys.sealer(s.leadId) : await this.keys.createOne(s.id);
    await this.tx.requireTransaction().insert(SubmissionOrmEntity, {
      ...s,
      fields: sealer.sealJson(fieldsContext('fields', s.id), s.fields),
      unknownFields: sealer.sealJson(fieldsContext('unknown_fields', s.id), s.unknownFields),
    });
  }

  /** A lead's accepted submissions, oldest first, as received (after canonical field names). */
  async findByLead(leadId: string): Promise<SubmissionOfLead[]> {
    const rows = await this.tx.manager().find(SubmissionOrmEntity, {
      where: { leadId },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
    const sealer = await this.keys.sealer(leadId);
    return rows.map((row) => ({
      id: row.id,
      formKey: row.formKey,
      receivedAt: row.receivedAt,
      fields: sealer.openJson(fieldsContext('fields', row.id), row.fields),
      unknownFields: sealer.openJson(fieldsContext('unknown_fields', row.id), row.unknownFields),
      attribution: row.attribution as Record<string, unknown>,
    }));
  }
}
