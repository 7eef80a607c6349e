import { Injectable } from '@nestjs/common';
import { ASSIGNABLE_ROLES } from '../domain/role';
import { StaffMember } from '../domain/staff';
import { StaffRepository } from '../infrastructure/staff.repository';

/** What other contexts may ask about staff. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly staff: StaffRepository) {}

  /** An active admin or coordinator: someone who can own a lead. */
  async findAssignable(id: string): Promise<StaffMember | null> {
    const member = await this.staff.findById(id);
    return member && member.active && ASSIGNABLE_ROLES.includes(member.role) ? member : null;
  }

  /** Which of `ids` can own a lead now. */
  async assignableAmong(ids: readonly string[]): Promise<Set<string>> {
    const members = await this.staff.findByIds([...new Set(ids)]);
    return new Set(
      members.filter((m) => m.active && ASSIGNABLE_ROLES.includes(m.role)).map((m) => m.id),
    );
  }

  /** Everyone who can own a lead now. */
  async assignable(): Promise<StaffMember[]> {
    return this.staff.findActive(ASSIGNABLE_ROLES);
  }

  /** Every active admin: who is told about the clinic's setup (a lead nobody can take, a webhook off). */
  async activeAdmins(): Promise<StaffMember[]> {
    return this.staff.findActive(['admin']);
  }

  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const members = await this.staff.findByIds([...new Set(ids)]);
    return new Map(members.map((m) => [m.id, m.name]));
  }
}
