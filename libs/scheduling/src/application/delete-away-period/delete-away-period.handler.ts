import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { AwayPeriodNotFoundError } from '../../domain/scheduling-errors';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { requireOwnCalendarOrManager } from '../get-staff-schedule/calendar-access';
import { DeleteAwayPeriodCommand } from './delete-away-period.command';

@CommandHandler(DeleteAwayPeriodCommand)
export class DeleteAwayPeriodHandler implements ICommandHandler<DeleteAwayPeriodCommand> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({ props: c }: DeleteAwayPeriodCommand): Promise<void> {
    requireOwnCalendarOrManager(c.staffId, c.actor);
    await this.tx.run(async () => {
      const gone = await this.schedules.removeAway(c.staffId, c.awayId);
      if (!gone) throw new AwayPeriodNotFoundError(c.awayId);
      await this.queue.replanWaiting(this.clock.now());
      await this.audit.record(c.context, {
        action: 'away_period.deleted',
        targetId: c.awayId,
        before: gone,
        after: null,
      });
    });
  }
}
