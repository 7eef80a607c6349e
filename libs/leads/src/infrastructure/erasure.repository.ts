import { Injectable } from '@nestjs/common';
import { RowOf, sql, TransactionRunner } from '@intake/platform';
import { erasures } from './leads.tables';

export type ErasureRecord = RowOf<typeof erasures.columns>;

const INSERT = sql<ErasureRecord>(`${erasures.insert()}`);
const LATEST_FOR_LEAD = sql<{ leadId: string }, ErasureRecord>(
  `SELECT ${erasures.select()} FROM erasures WHERE :leadId::uuid = ANY(lead_ids)
    ORDER BY requested_at DESC, id DESC LIMIT 1`,
);

/** The erasure records: which leads, why, by whom and when; never a personal value. */
@Injectable()
export class ErasureRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(erasure: ErasureRecord): Promise<void> {
    await INSERT.execute(this.tx.requireTransaction(), erasure);
  }

  latestFor(leadId: string): Promise<ErasureRecord | null> {
    return LATEST_FOR_LEAD.one(this.tx.manager(), { leadId });
  }
}
