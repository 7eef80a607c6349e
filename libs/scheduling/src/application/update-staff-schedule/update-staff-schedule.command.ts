import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { StaffSchedule } from '../../domain/staff-schedule';

/** Fields left out keep their value. */
export type StaffScheduleChanges = Partial<Omit<StaffSchedule, 'staffId' | 'lastAssignedAt'>>;

export interface UpdateStaffScheduleProps {
  readonly staffId: string;
  readonly changes: StaffScheduleChanges;
  readonly context: AuditContext;
}

/** Changes a person's time zone, hours, languages, licences, capacity or weight (admins). */
export class UpdateStaffScheduleCommand extends Command<StaffSchedule> {
  constructor(readonly props: UpdateStaffScheduleProps) {
    super();
  }
}
