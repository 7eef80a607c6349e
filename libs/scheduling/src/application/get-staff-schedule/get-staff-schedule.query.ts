import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { StaffSchedule } from '../../domain/staff-schedule';

export interface GetStaffScheduleProps {
  readonly staffId: string;
  readonly actor: Actor;
}

/** A person's calendar and routing profile, for admins or the person. */
export class GetStaffScheduleQuery extends Query<StaffSchedule> {
  constructor(readonly props: GetStaffScheduleProps) {
    super();
  }
}
