import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Actor, ForbiddenError, StaffService } from '@intake/access';
import { LeadSummariesQuery, LeadSummary } from '@intake/leads';
import { Clock } from '@intake/platform';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import type { QueueItem, QueueKey } from './queue-item';

export interface QueuePageRequest {
  limit: number;
  /** Where the previous page ended, and the time its overdue was judged at. */
  after: { now: Date; key: QueueKey } | null;
}

export interface QueuePage {
  /** The time overdue was judged at: now for a first page, the first page's time after it. */
  now: Date;
  /** Open follow-ups in the whole queue, not only this page. */
  total: number;
  items: Array<QueueItem & { lead: LeadSummary }>;
  lastKey: QueueKey | null;
}

/** A person's open follow-ups, the order they should be worked in, with who each is for. */
@Injectable()
export class QueueQuery {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly staff: StaffService,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async of(
    staffId: string,
    actor: Actor,
    page: QueuePageRequest,
    requestId: string | null,
  ): Promise<QueuePage> {
    if (staffId !== actor.staffId && !actor.can('scheduling:manage')) {
      throw new ForbiddenError('Only admins see other people’s queues.');
    }
    await this.staff.get(staffId);
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
