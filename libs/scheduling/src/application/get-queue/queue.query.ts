import { Injectable } from '@nestjs/common';
import { Actor, ForbiddenError, StaffService } from '@intake/access';
import { Clock } from '@intake/platform';
import { FollowUpRepository, QueueItem } from '../../infrastructure/follow-up.repository';

/** A person's open follow-ups, the order they should be worked in. */
@Injectable()
export class QueueQuery {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly staff: StaffService,
    private readonly clock: Clock,
  ) {}

  async of(
    staffId: string,
    actor: Actor,
    limit: number,
  ): Promise<{ now: Date; items: QueueItem[] }> {
    if (staffId !== actor.staffId && !actor.can('scheduling:manage')) {
      throw new ForbiddenError('Only admins see other people’s queues.');
    }
    await this.staff.get(staffId);
    const now = this.clock.now();
    return { now, items: await this.followUps.queue(staffId, now, limit) };
  }
}
