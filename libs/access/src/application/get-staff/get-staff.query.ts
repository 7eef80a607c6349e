import { Query } from '@nestjs/cqrs';
import type { StaffMember } from '../../domain/staff';

export interface GetStaffProps {
  readonly staffId: string;
}

/** One staff member, active or not; STAFF.NOT_FOUND when there is none. */
export class GetStaffQuery extends Query<StaffMember> {
  constructor(readonly props: GetStaffProps) {
    super();
  }
}
