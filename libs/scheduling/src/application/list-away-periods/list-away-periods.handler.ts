import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffService } from '@intake/access';
import { AwayPeriod } from '../../domain/staff-schedule';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { requireOwnCalendarOrManager } from '../get-staff-schedule/calendar-access';
import { ListAwayPeriodsQuery } from './list-away-periods.query';

@QueryHandler(ListAwayPeriodsQuery)
export class ListAwayPeriodsHandler implements IQueryHandler<ListAwayPeriodsQuery, AwayPeriod[]> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly staff: StaffService,
  ) {}

  async execute({ props: q }: ListAwayPeriodsQuery): Promise<AwayPeriod[]> {
    requireOwnCalendarOrManager(q.staffId, q.actor);
    await this.staff.get(q.staffId);
    return this.schedules.listAway(q.staffId);
  }
}
