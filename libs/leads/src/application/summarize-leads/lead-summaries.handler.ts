import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { leadTimeZone } from '../../domain/state-time-zones';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { AccessLogger } from '../shared/access-logger';
import { LeadSummariesQuery, LeadSummary } from './lead-summaries.query';

@QueryHandler(LeadSummariesQuery)
export class LeadSummariesHandler implements IQueryHandler<LeadSummariesQuery, LeadSummary[]> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly access: AccessLogger,
  ) {}

  async execute({ props: q }: LeadSummariesQuery): Promise<LeadSummary[]> {
    const rows = await this.read.summaries([...new Set(q.leadIds)]);
    await this.access.record(
      q.actor,
      'leads.listed',
      rows.map((r) => r.id),
      q.requestId,
    );
    return rows.map((row) => ({ ...row, timeZone: leadTimeZone(row.state) }));
  }
}
