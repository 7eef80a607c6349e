import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { Clock, IdGenerator } from '@intake/platform';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { leadView } from '../shared/lead-views';
import { LeadPage, ListLeadsQuery } from './list-leads.query';

@QueryHandler(ListLeadsQuery)
export class ListLeadsHandler implements IQueryHandler<ListLeadsQuery, LeadPage> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly staff: StaffDirectory,
    private readonly records: LeadRecordsRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(q: ListLeadsQuery): Promise<LeadPage> {
    const { rows, lastKey } = await this.read.list(q.filter);
    const names = await this.staff.namesOf(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])));
    if (rows.length > 0) {
      await this.records.logAccess({
        id: this.ids.next(),
        actorId: q.actor.staffId,
        actorRole: q.actor.role,
        action: 'leads.listed',
        leadIds: rows.map((r) => r.id),
        requestId: q.requestId,
        occurredAt: this.clock.now(),
      });
    }
    return { items: rows.map((row) => leadView(row, names, q.actor)), lastKey };
  }
}
