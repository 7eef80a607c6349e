import { Injectable } from '@nestjs/common';
import type { SubmissionOfLead } from '@intake/leads';
import { TransactionRunner } from '@intake/platform';
import { Submission } from '../domain/submission';
import { SubmissionOrmEntity } from './submission.orm-entity';

@Injectable()
export class SubmissionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(submission: Submission): Promise<void> {
    await this.tx.requireTransaction().insert(SubmissionOrmEntity, { ...submission.snapshot() });
  }

  /** A lead's accepted submissions, oldest first, as received (after canonical field names). */
  async findByLead(leadId: string): Promise<SubmissionOfLead[]> {
    const rows = await this.tx.manager().find(SubmissionOrmEntity, {
      where: { leadId },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => ({
      id: row.id,
      formKey: row.formKey,
      receivedAt: row.receivedAt,
      fields: row.fields as Record<string, unknown> | null,
      unknownFields: row.unknownFields as Record<string, unknown> | null,
      attribution: row.attribution as Record<string, unknown>,
    }));
  }
}
