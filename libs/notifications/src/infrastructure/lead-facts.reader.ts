import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import type { LeadFacts } from '../application/alert-on-events/alert-rules';

const PRIORITY = sql<{ leadId: string }, { priority: LeadFacts['priority'] }>(
  'SELECT priority FROM leads WHERE id = :leadId',
);

/** The lead's priority now, read in the reaction's transaction (ids and priority only). */
@Injectable()
export class LeadFactsReader {
  constructor(private readonly tx: TransactionRunner) {}

  async factsOf(leadId: string): Promise<LeadFacts> {
    const row = await PRIORITY.one(this.tx.requireTransaction(), { leadId });
    return { priority: row?.priority ?? null };
  }
}
