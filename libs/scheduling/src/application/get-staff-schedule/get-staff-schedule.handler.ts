import { IQueryHandler, QueryHandler, QueryBus } from '@nestjs/cqrs';
import { GetStaffQuery } from '@intake/access';
import { StaffSchedule } from '../../domain/staff-schedule';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';
import { requireOwnCalendarOrManager } from './calendar-access';
import { GetStaffScheduleQuery } from './get-staff-schedule.query';

@QueryHandler(GetStaffScheduleQuery)
export class GetStaffScheduleHandler implements IQueryHandler<
  GetStaffScheduleQuery,
  StaffSchedule
> {
  constructor(
    private readonly schedules: StaffScheduleRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ props: q }: GetStaffScheduleQuery): Promise<StaffSchedule> {
    requireOwnCalendarOrManager(q.staffId, q.actor);
    await this.queries.execute(new GetStaffQuery({ staffId: q.staffId }));
    return this.schedules.get(q.staffId);
  }
}
