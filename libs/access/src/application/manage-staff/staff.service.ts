import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuditContext } from '../../domain/admin-audit';
import { StaffMember } from '../../domain/staff';
import { CreateStaffCommand, NewStaff } from '../create-staff/create-staff.command';
import { GetStaffQuery } from '../get-staff/get-staff.query';
import { ListStaffQuery } from '../list-staff/list-staff.query';
import { StaffChanges, UpdateStaffCommand } from '../update-staff/update-staff.command';

export type { NewStaff } from '../create-staff/create-staff.command';
export type { StaffChanges } from '../update-staff/update-staff.command';

/**
 * The staff use cases for the callers outside any request: the CLI, the demo seed and the test
 * harness. It only dispatches each use case's command or query (create-staff/, update-staff/,
 * get-staff/, list-staff/), where the rules are; other contexts send `GetStaffQuery` themselves.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  create(input: NewStaff, context: AuditContext): Promise<StaffMember> {
    return this.commands.execute(
      new CreateStaffCommand({ name: input.name, email: input.email, role: input.role, context }),
    );
  }

  update(id: string, changes: StaffChanges, context: AuditContext): Promise<StaffMember> {
    return this.commands.execute(new UpdateStaffCommand({ staffId: id, changes, context }));
  }

  get(id: string): Promise<StaffMember> {
    return this.queries.execute(new GetStaffQuery({ staffId: id }));
  }

  list(): Promise<StaffMember[]> {
    return this.queries.execute(new ListStaffQuery());
  }
}
