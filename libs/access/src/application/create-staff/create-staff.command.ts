import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '../../domain/admin-audit';
import type { Role } from '../../domain/role';
import type { StaffMember } from '../../domain/staff';

export interface NewStaff {
  name: string;
  email: string | null;
  role: Role;
}

export interface CreateStaffProps extends Readonly<NewStaff> {
  readonly context: AuditContext;
}

export class CreateStaffCommand extends Command<StaffMember> {
  constructor(readonly props: CreateStaffProps) {
    super();
  }
}
