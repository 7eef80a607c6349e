import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import { StaffNotFoundError } from '../../domain/access-errors';
import { Role } from '../../domain/role';
import { StaffMember } from '../../domain/staff';
import { StaffRepository } from '../../infrastructure/staff.repository';

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
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(input: NewStaff): Promise<StaffMember> {
    const now = this.clock.now();
    const member: StaffMember = {
      id: this.ids.next(),
      ...input,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    await this.staff.insert(member);
    return member;
  }

  async update(id: string, changes: StaffChanges): Promise<StaffMember> {
    const updated = await this.staff.update(id, { ...changes, updatedAt: this.clock.now() });
    if (!updated) throw new StaffNotFoundError(id);
    return updated;
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
