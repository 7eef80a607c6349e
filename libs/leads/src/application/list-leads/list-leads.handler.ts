import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenError, StaffDirectory } from '@intake/access';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { AccessLogger } from '../shared/access-logger';
import { leadView } from '../shared/lead-views';
import { LeadPage, ListLeadsQuery } from './list-leads.query';

@QueryHandler(ListLeadsQuery)
export class ListLeadsHandler implements IQueryHandler<ListLeadsQuery, LeadPage> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly staff: StaffDirectory,
    private readonly access: AccessLogger,
  ) {}

  async execute({ props: q }: ListLeadsQuery): Promise<LeadPage> {
    const search = q.filter.search;
    if (search && !('name' in search) && !q.actor.can('leads:read_contact')) {
      // Masked results would still answer "is this email a lead here?".
      throw new ForbiddenError('Searching by email or phone needs a role that sees them.');
    }
    const { rows, lastKey } = await this.read.list(q.filter);
    const names = await this.staff.namesOf(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])));
    await this.access.record(
      q.actor,
      'leads.listed',
      rows.map((r) => r.id),
      q.requestId,
    );
    return { items: rows.map((row) => leadView(row, names, q.actor)), lastKey };
  }
}
