import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AdminAuditRecorder, GetStaffQuery } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { isValidTimeZone, weeklyHoursProblems } from '../../domain/business-time';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import { StaffSchedule } from '../../domain/staff-schedule';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { UpdateStaffScheduleCommand } from './update-staff-schedule.command';

@CommandHandler(UpdateStaffScheduleCommand)
export class UpdateStaffScheduleHandler implements ICommandHandler<UpdateStaffScheduleCommand> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly queries: QueryBus,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { staffId, changes: input, context },
  }: UpdateStaffScheduleCommand): Promise<StaffSchedule> {
    await this.queries.execute(new GetStaffQuery({ staffId }));
    const problems = [
      ...(typeof input.timeZone === 'string' && !isValidTimeZone(input.timeZone)
        ? [{ field: 'timeZone', message: 'must be an IANA time zone' }]
        : []),
      ...(input.workingHours ? weeklyHoursProblems(input.workingHours, 'workingHours') : []),
    ];
    if (problems.length > 0) throw new SchedulingInvalidError(problems);
    const now = this.clock.now();
    return this.tx.run(async () => {
      const current = await this.schedules.get(staffId);
      const given = Object.entries(input).filter(([, value]) => value !== undefined);
      const schedule: StaffSchedule = { ...current, ...Object.fromEntries(given), staffId };
      await this.schedules.save(schedule, now);
      await this.queue.replanWaiting(now);
      await this.audit.record(context, {
        action: 'staff_schedule.updated',
        targetId: staffId,
        before: audited(current),
        after: audited(schedule),
      });
      return schedule;
    });
  }
}

/** A calendar as audited: the last assignment time changes with every lead, not by an admin. */
function audited(schedule: StaffSchedule): Omit<StaffSchedule, 'lastAssignedAt'> {
  const { lastAssignedAt: _lastAssignedAt, ...rest } = schedule;
  return rest;
}
