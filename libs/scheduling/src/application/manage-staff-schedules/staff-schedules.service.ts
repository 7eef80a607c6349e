import { Injectable } from '@nestjs/common';
import {
  Actor,
  AdminAuditService,
  AuditContext,
  ForbiddenError,
  StaffService,
} from '@intake/access';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { isValidTimeZone, weeklyHoursProblems } from '../../domain/business-time';
import { AwayPeriodNotFoundError, SchedulingInvalidError } from '../../domain/scheduling-errors';
import { AwayPeriod, AwayReason, StaffSchedule } from '../../domain/staff-schedule';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';

/** Fields left out keep their value. */
export type ScheduleInput = Partial<Omit<StaffSchedule, 'staffId' | 'lastAssignedAt'>>;

/** Each person's calendar. Admins manage anyone's; a person reads theirs and sets their absences. */
@Injectable()
export class StaffSchedulesService {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly staff: StaffService,
    private readonly audit: AdminAuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async get(staffId: string, actor: Actor): Promise<StaffSchedule> {
    this.requireSelfOrManager(staffId, actor);
    await this.staff.get(staffId);
    return this.schedules.get(staffId);
  }

  async save(staffId: string, input: ScheduleInput, context: AuditContext): Promise<StaffSchedule> {
    await this.staff.get(staffId);
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

  async listAway(staffId: string, actor: Actor): Promise<AwayPeriod[]> {
    this.requireSelfOrManager(staffId, actor);
    await this.staff.get(staffId);
    return this.schedules.listAway(staffId);
  }

  async addAway(
    staffId: string,
    input: { startsAt: Date; endsAt: Date; reason: AwayReason },
    actor: Actor,
    context: AuditContext,
  ): Promise<AwayPeriod> {
    this.requireSelfOrManager(staffId, actor);
    await this.staff.get(staffId);
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      throw new SchedulingInvalidError([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    const period: AwayPeriod = { id: this.ids.next(), staffId, ...input };
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.schedules.addAway(period, actor.staffId, now);
      await this.queue.replanWaiting(now);
      await this.audit.record(context, {
        action: 'away_period.created',
        targetId: period.id,
        before: null,
        after: period,
      });
    });
    return period;
  }

  async removeAway(
    staffId: string,
    awayId: string,
    actor: Actor,
    context: AuditContext,
  ): Promise<void> {
    this.requireSelfOrManager(staffId, actor);
    await this.tx.run(async () => {
      const gone = await this.schedules.removeAway(staffId, awayId);
      if (!gone) throw new AwayPeriodNotFoundError(awayId);
      await this.queue.replanWaiting(this.clock.now());
      await this.audit.record(context, {
        action: 'away_period.deleted',
        targetId: awayId,
        before: gone,
        after: null,
      });
    });
  }

  private requireSelfOrManager(staffId: string, actor: Actor): void {
    if (actor.staffId !== staffId && !actor.can('scheduling:manage')) {
      throw new ForbiddenError('Only admins see and change other people’s calendars.');
    }
  }
}

/** A calendar as audited: the last assignment time changes with every lead, not by an admin. */
function audited(schedule: StaffSchedule): Omit<StaffSchedule, 'lastAssignedAt'> {
  const { lastAssignedAt: _lastAssignedAt, ...rest } = schedule;
  return rest;
}
