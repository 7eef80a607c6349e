import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenError, GetStaffQuery } from '@intake/access';
import { LeadSummariesQuery } from '@intake/leads';
import { Clock } from '@intake/platform';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import { GetQueueQuery, QueuePage } from './get-queue.query';

@QueryHandler(GetQueueQuery)
export class GetQueueHandler implements IQueryHandler<GetQueueQuery, QueuePage> {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute({ props: { staffId, page, actor, requestId } }: GetQueueQuery): Promise<QueuePage> {
    if (staffId !== actor.staffId && !actor.can('scheduling:manage')) {
      throw new ForbiddenError('Only admins see other people’s queues.');
    }
    await this.queries.execute(new GetStaffQuery({ staffId }));
    const now = page.after?.now ?? this.clock.now();
    const [{ items, lastKey }, total] = await Promise.all([
      this.followUps.queue(staffId, now, page.limit, page.after?.key ?? null),
      this.followUps.openCount(staffId),
    ]);
    const summaries = await this.queries.execute(
      new LeadSummariesQuery({ leadIds: items.map((i) => i.leadId), actor, requestId }),
    );
    const leads = new Map(summaries.map((lead) => [lead.id, lead]));
    return {
      now,
      total,
      // Every follow-up has its lead (a foreign key); a lead gone between the reads is left out.
      items: items.flatMap((item) => {
        const lead = leads.get(item.leadId);
        return lead ? [{ ...item, lead }] : [];
      }),
      lastKey,
    };
  }
}
