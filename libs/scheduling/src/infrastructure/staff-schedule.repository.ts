import { Injectable } from '@nestjs/common';
import { RowOf, sql, TransactionRunner } from '@intake/platform';
import { AwayPeriod, AwayReason, defaultSchedule, StaffSchedule } from '../domain/staff-schedule';
import { staffAwayPeriods, staffSchedules } from './scheduling.tables';

const SCHEDULE = [
  'staffId',
  'timeZone',
  'workingHours',
  'languages',
  'licensedStates',
  'capacity',
  'weight',
  'lastAssignedAt',
] as const;
type ScheduleRow = Pick<RowOf<typeof staffSchedules.columns>, (typeof SCHEDULE)[number]>;
const SAVED = [
  'staffId',
  'timeZone',
  'workingHours',
  'languages',
  'licensedStates',
  'capacity',
  'weight',
  'updatedAt',
] as const;
const AWAY = staffAwayPeriods.select(['id', 'staffId', 'startsAt', 'endsAt', 'reason']);

const GET_MANY = sql<{ staffIds: readonly string[] }, ScheduleRow>(
  `SELECT ${staffSchedules.select(SCHEDULE)} FROM staff_schedules WHERE staff_id = ANY(:staffIds::uuid[])`,
);
const SAVE = sql<Record<(typeof SAVED)[number], unknown>>(
  `${staffSchedules.insert(SAVED)}
   ON CONFLICT (staff_id) DO UPDATE SET ${staffSchedules.set(SAVED.slice(1))}`,
);
const LOCK = sql<{ staffId: string }>(
  `SELECT 1 FROM staff_schedules WHERE staff_id = :staffId FOR UPDATE`,
);
const INSERT_DEFAULTS = sql<{ staffId: string; updatedAt: Date }>(
  `${staffSchedules.insert(['staffId', 'updatedAt'])} ON CONFLICT (staff_id) DO NOTHING`,
);
const RECORD_ASSIGNMENT = sql<{ staffId: string; at: Date }>(
  `UPDATE staff_schedules SET last_assigned_at = :at WHERE staff_id = :staffId`,
);
// Rows are locked in staff id order (the unnest's), so two batches never wait on each other in a cycle.
const RECORD_ASSIGNMENTS = sql<{ staffIds: readonly string[]; at: Date }>(
  `INSERT INTO staff_schedules (staff_id, updated_at, last_assigned_at)
   SELECT id, :at, :at FROM unnest(:staffIds::uuid[]) AS t(id) ORDER BY id
   ON CONFLICT (staff_id) DO UPDATE SET last_assigned_at = EXCLUDED.last_assigned_at`,
);
const AWAY_FROM = sql<{ staffIds: readonly string[]; from: Date }, AwayPeriod>(
  `SELECT ${AWAY}
     FROM staff_away_periods WHERE staff_id = ANY(:staffIds::uuid[]) AND ends_at > :from
    ORDER BY starts_at`,
);
const LIST_AWAY = sql<{ staffId: string }, AwayPeriod>(
  `SELECT ${AWAY} FROM staff_away_periods WHERE staff_id = :staffId ORDER BY starts_at, id`,
);
const ADD_AWAY = sql<Record<string, unknown>>(staffAwayPeriods.insert());
const REMOVE_AWAY = sql<{ staffId: string; id: string }, AwayPeriod>(
  `DELETE FROM staff_away_periods WHERE staff_id = :staffId AND id = :id RETURNING ${AWAY}`,
);

/** Staff calendars: working hours, languages, licences, capacity, weight; and away periods. */
@Injectable()
export class StaffScheduleRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async get(staffId: string): Promise<StaffSchedule> {
    return (await this.getMany([staffId])).get(staffId)!;
  }

  /** Everyone asked for; a person nobody configured gets the defaults (the clinic's hours). */
  async getMany(staffIds: readonly string[]): Promise<Map<string, StaffSchedule>> {
    const result = new Map(staffIds.map((id) => [id, defaultSchedule(id)]));
    if (staffIds.length === 0) return result;
    const rows = await GET_MANY.rows(this.tx.manager(), { staffIds });
    for (const row of rows) result.set(row.staffId, row);
    return result;
  }

  async save(schedule: StaffSchedule, at: Date): Promise<void> {
    await SAVE.execute(
      this.tx.manager(),
      staffSchedules.params(SAVED, { ...schedule, updatedAt: at }),
    );
  }

  /**
   * Locks the person's row for the rest of the transaction: two pools handing leads to the same
   * person at once would otherwise both see room under the capacity.
   */
  async lock(staffId: string, at: Date): Promise<void> {
    const m = this.tx.requireTransaction();
    if ((await LOCK.rows(m, { staffId })).length > 0) return;
    // Nobody configured this person yet: a row of defaults to hold the lock on.
    await INSERT_DEFAULTS.execute(m, { staffId, updatedAt: at });
    await LOCK.rows(m, { staffId });
  }

  async recordAssignment(staffId: string, at: Date): Promise<void> {
    await RECORD_ASSIGNMENT.execute(this.tx.requireTransaction(), { staffId, at });
  }

  /**
   * `lock` and `recordAssignment` for many people at once, in one statement: for those whose
   * room was not in question (no capacity), so their lock could wait until the batch is saved.
   */
  async recordAssignments(staffIds: readonly string[], at: Date): Promise<void> {
    if (staffIds.length === 0) return;
    await RECORD_ASSIGNMENTS.execute(this.tx.requireTransaction(), { staffIds, at });
  }

  /** Away periods of these people that have not ended by `from`. */
  async awayFrom(staffIds: readonly string[], from: Date): Promise<Map<string, AwayPeriod[]>> {
    const result = new Map<string, AwayPeriod[]>(staffIds.map((id) => [id, []]));
    if (staffIds.length === 0) return result;
    const rows = await AWAY_FROM.rows(this.tx.manager(), { staffIds, from });
    for (const row of rows) result.get(row.staffId)?.push(row);
    return result;
  }

  async listAway(staffId: string): Promise<AwayPeriod[]> {
    return LIST_AWAY.rows(this.tx.manager(), { staffId });
  }

  async addAway(period: AwayPeriod & { reason: AwayReason }, by: string, at: Date): Promise<void> {
    await ADD_AWAY.execute(
      this.tx.manager(),
      staffAwayPeriods.params(staffAwayPeriods.properties(), {
        ...period,
        createdAt: at,
        createdBy: by,
      }),
    );
  }

  /** The period removed, or null if this person has none with that id. */
  async removeAway(staffId: string, id: string): Promise<AwayPeriod | null> {
    return REMOVE_AWAY.one(this.tx.manager(), { staffId, id });
  }
}
