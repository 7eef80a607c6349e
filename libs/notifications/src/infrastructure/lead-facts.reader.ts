import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import type { LeadFacts } from '../application/alert-on-events/alert-rules';

/** The lead's priority now, read in the reaction's transaction (ids and priority only). */
@Injectable()
export class LeadFactsReader {
  constructor(private readonly tx: TransactionRunner) {}

  async factsOf(leadId: string): Promise<LeadFacts> {
    const rows: Array<{ priority: LeadFacts['priority'] }> = await this.tx
      .requireTransaction()
      .query('SELECT priority FROM leads WHERE id = $1', [leadId]);
    return { priority: rows[0]?.priority ?? null };
  }
}
