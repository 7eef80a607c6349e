import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '../../domain/admin-audit';
import type { Role } from '../../domain/role';
import type { StaffMember } from '../../domain/staff';

/** Absent keeps the value. */
export interface StaffChanges {
  name?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
}

export interface UpdateStaffProps {
  readonly staffId: string;
  readonly changes: StaffChanges;
  readonly context: AuditContext;
}

/** Rename, change the role, or (de)activate, which stops the member's keys. */
export class UpdateStaffCommand extends Command<StaffMember> {
  constructor(readonly props: UpdateStaffProps) {
    super();
  }
}
