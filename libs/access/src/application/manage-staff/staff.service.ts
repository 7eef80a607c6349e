import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { StaffNotFoundError } from '../../domain/access-errors';
import { AuditContext } from '../../domain/admin-audit';
import { Role } from '../../domain/role';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';

export interface NewStaff {
  name: string;
  email: string | null;
  role: Role;
}

export interface StaffChanges {
  name?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
}

/** Admins add staff, change their role, and deactivate them (which stops their keys). */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(input: NewStaff, context: AuditContext): Promise<StaffMember> {
    const now = this.clock.now();
    const member: StaffMember = {
      id: this.ids.next(),
      ...input,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    await this.tx.run(async () => {
      await this.staff.insert(member);
      await this.audit.record(context, {
        action: 'staff.created',
        targetId: member.id,
        before: null,
        after: member,
      });
    });
    return member;
  }

  /** A change of role is audited as `staff.role_changed`, whatever else changed with it. */
  async update(id: string, changes: StaffChanges, context: AuditContext): Promise<StaffMember> {
    return this.tx.run(async () => {
      const before = await this.staff.findById(id, { lock: true });
      if (!before) throw new StaffNotFoundError(id);
      const after = (await this.staff.update(id, { ...changes, updatedAt: this.clock.now() }))!;
      await this.audit.record(context, {
        action: after.role !== before.role ? 'staff.role_changed' : 'staff.updated',
        targetId: id,
        before,
        after,
      });
      return after;
    });
  }

  async get(id: string): Promise<StaffMember> {
    const member = await this.staff.findById(id);
    if (!member) throw new StaffNotFoundError(id);
    return member;
  }

  list(): Promise<StaffMember[]> {
    return this.staff.list();
  }
}
