import { IQueryHandler, QueryHandler, QueryBus } from '@nestjs/cqrs';
import { GetStaffQuery } from '@intake/access';
import { AwayPeriod } from '../../domain/staff-schedule';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { requireOwnCalendarOrManager } from '../get-staff-schedule/calendar-access';
import { ListAwayPeriodsQuery } from './list-away-periods.query';

@QueryHandler(ListAwayPeriodsQuery)
export class ListAwayPeriodsHandler implements IQueryHandler<ListAwayPeriodsQuery, AwayPeriod[]> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ props: q }: ListAwayPeriodsQuery): Promise<AwayPeriod[]> {
    requireOwnCalendarOrManager(q.staffId, q.actor);
    await this.queries.execute(new GetStaffQuery({ staffId: q.staffId }));
    return this.schedules.listAway(q.staffId);
  }
}
