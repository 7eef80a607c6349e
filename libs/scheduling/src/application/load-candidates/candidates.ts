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

  /**
   * Everyone in `staffIds`, without their load (`openLeads` 0): reading it is the one costly
   * part, and only capacity and least-loaded need it, read fresh under the pool's lock.
   */
  async load(staffIds: readonly string[], now: Date): Promise<Map<string, Candidate>> {
    const ids = [...new Set(staffIds)];
    // One after another: inside a transaction they share one connection anyway.
    const assignable = await this.staff.assignableAmong(ids);
    const schedules = await this.schedules.getMany(ids);
    const away = await this.schedules.awayFrom(ids, now);
    return new Map(
      ids.map((id) => [
        id,
        {
          staffId: id,
          assignable: assignable.has(id),
          schedule: schedules.get(id)!,
          away: away.get(id) ?? [],
          openLeads: 0,
        },
      ]),
    );
  }

  /** Reads the open-lead counts of `staffIds` into their candidates. */
  async withLoad(candidates: Map<string, Candidate>, staffIds: readonly string[]): Promise<void> {
    const ids = staffIds.filter((id) => candidates.has(id));
    if (ids.length === 0) return;
    const load = await this.leads.openLeadCounts(ids);
    for (const id of ids)
      candidates.set(id, { ...candidates.get(id)!, openLeads: load.get(id) ?? 0 });
  }
}
