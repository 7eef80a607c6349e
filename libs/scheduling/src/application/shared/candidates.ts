import { Injectable } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { LeadAutomation } from '@intake/leads';
import { Candidate } from '../../domain/staff-schedule';
import { StaffScheduleRepository } from '../../infrastructure/staff-schedule.repository';

/** Builds what routing needs to judge each person: who they are, their calendar, their load. */
@Injectable()
export class Candidates {
  constructor(
    private readonly staff: StaffDirectory,
    private readonly schedules: StaffScheduleRepository,
    private readonly leads: LeadAutomation,
  ) {}

  async load(staffIds: readonly string[], now: Date): Promise<Map<string, Candidate>> {
    const ids = [...new Set(staffIds)];
    // One after another: inside a transaction they share one connection anyway.
    const assignable = await this.staff.assignableAmong(ids);
    const schedules = await this.schedules.getMany(ids);
    const away = await this.schedules.awayFrom(ids, now);
    const load = await this.leads.openLeadCounts(ids);
    return new Map(
      ids.map((id) => [
        id,
        {
          staffId: id,
          assignable: assignable.has(id),
          schedule: schedules.get(id)!,
          away: away.get(id) ?? [],
          openLeads: load.get(id) ?? 0,
        },
      ]),
    );
  }
}
