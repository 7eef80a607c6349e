import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AdminAuditRecorder, GetStaffQuery } from '@intake/access';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import { AwayPeriod } from '../../domain/staff-schedule';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { requireOwnCalendarOrManager } from '../get-staff-schedule/calendar-access';
import { CreateAwayPeriodCommand } from './create-away-period.command';

@CommandHandler(CreateAwayPeriodCommand)
export class CreateAwayPeriodHandler implements ICommandHandler<CreateAwayPeriodCommand> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly queries: QueryBus,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ props: c }: CreateAwayPeriodCommand): Promise<AwayPeriod> {
    requireOwnCalendarOrManager(c.staffId, c.actor);
    await this.queries.execute(new GetStaffQuery({ staffId: c.staffId }));
    if (c.endsAt.getTime() <= c.startsAt.getTime()) {
      throw new SchedulingInvalidError([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    const period: AwayPeriod = {
      id: this.ids.next(),
      staffId: c.staffId,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      reason: c.reason,
    };
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.schedules.addAway(period, c.actor.staffId, now);
      await this.queue.replanWaiting(now);
      await this.audit.record(c.context, {
        action: 'away_period.created',
        targetId: period.id,
        before: null,
        after: period,
      });
    });
    return period;
  }
}
