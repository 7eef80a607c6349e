import { Injectable } from '@nestjs/common';
import type { SubmissionOfLead } from '@intake/leads';
import { DataKeys, RowOf, sealedPlace, sql, TransactionRunner } from '@intake/platform';
import { Submission } from '../domain/submission';
import { submissions } from './intake.tables';

const INSERT = sql<Record<string, unknown>>(submissions.insert());
const OF_LEAD = sql<
  { leadId: string },
  Pick<
    RowOf<typeof submissions.columns>,
    'id' | 'formKey' | 'receivedAt' | 'fields' | 'unknownFields' | 'attribution'
  >
>(
  `SELECT ${submissions.select(['id', 'formKey', 'receivedAt', 'fields', 'unknownFields', 'attribution'])}
     FROM submissions WHERE lead_id = :leadId ORDER BY received_at, id`,
);

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
    await INSERT.execute(
      this.tx.requireTransaction(),
      submissions.params(submissions.properties(), {
        ...s,
        fields: sealer.sealJson(fieldsContext('fields', s.id), s.fields),
        unknownFields: sealer.sealJson(fieldsContext('unknown_fields', s.id), s.unknownFields),
      }),
    );
  }

  /** A lead's accepted submissions, oldest first, as received (after canonical field names). */
  async findByLead(leadId: string): Promise<SubmissionOfLead[]> {
    const rows = await OF_LEAD.rows(this.tx.manager(), { leadId });
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
