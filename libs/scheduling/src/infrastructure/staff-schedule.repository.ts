import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { WeeklyHours } from '../domain/business-time';
import { AwayPeriod, AwayReason, defaultSchedule, StaffSchedule } from '../domain/staff-schedule';

interface ScheduleRow {
  staffId: string;
  timeZone: string | null;
  workingHours: WeeklyHours | null;
  languages: string[];
  licensedStates: string[] | null;
  capacity: number | null;
  weight: number;
  lastAssignedAt: Date | null;
}

const COLUMNS = `staff_id AS "staffId", time_zone AS "timeZone", working_hours AS "workingHours",
  languages, licensed_states AS "licensedStates", capacity, weight,
  last_assigned_at AS "lastAssignedAt"`;

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
    const rows: ScheduleRow[] = await this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM staff_schedules WHERE staff_id = ANY($1::uuid[])`, [staffIds]);
    for (const row of rows) result.set(row.staffId, row);
    return result;
  }

  async save(schedule: StaffSchedule, at: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO staff_schedules
         (staff_id, time_zone, working_hours, languages, licensed_states, capacity, weight, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (staff_id) DO UPDATE SET time_zone = $2, working_hours = $3, languages = $4,
         licensed_states = $5, capacity = $6, weight = $7, updated_at = $8`,
      [
        schedule.staffId,
        schedule.timeZone,
        schedule.workingHours === null ? null : JSON.stringify(schedule.workingHours),
        schedule.languages,
        schedule.licensedStates,
        schedule.capacity,
        schedule.weight,
        at,
      ],
    );
  }

  /**
   * Locks the person's row for the rest of the transaction: two pools handing leads to the same
   * person at once would otherwise both see room under the capacity.
   */
  async lock(staffId: string, at: Date): Promise<void> {
    const m = this.tx.requireTransaction();
    const sql = `SELECT 1 FROM staff_schedules WHERE staff_id = $1 FOR UPDATE`;
    if ((await m.query(sql, [staffId])).length > 0) return;
    // Nobody configured this person yet: a row of defaults to hold the lock on.
    await m.query(
      `INSERT INTO staff_schedules (staff_id, updated_at) VALUES ($1, $2)
       ON CONFLICT (staff_id) DO NOTHING`,
      [staffId, at],
    );
    await m.query(sql, [staffId]);
  }

  async recordAssignment(staffId: string, at: Date): Promise<void> {
    await this.tx
      .requireTransaction()
      .query(`UPDATE staff_schedules SET last_assigned_at = $2 WHERE staff_id = $1`, [staffId, at]);
  }

  /** Away periods of these people that have not ended by `from`. */
  async awayFrom(staffIds: readonly string[], from: Date): Promise<Map<string, AwayPeriod[]>> {
    const result = new Map<string, AwayPeriod[]>(staffIds.map((id) => [id, []]));
    if (staffIds.length === 0) return result;
    const rows: AwayPeriod[] = await this.tx.manager().query(
      `SELECT id, staff_id AS "staffId", starts_at AS "startsAt", ends_at AS "endsAt", reason
         FROM staff_away_periods WHERE staff_id = ANY($1::uuid[]) AND ends_at > $2
        ORDER BY starts_at`,
      [staffIds, from],
    );
    for (const row of rows) result.get(row.staffId)?.push(row);
    return result;
  }

  async listAway(staffId: string): Promise<AwayPeriod[]> {
    return this.tx.manager().query(
      `SELECT id, staff_id AS "staffId", starts_at AS "startsAt", ends_at AS "endsAt", reason
         FROM staff_away_periods WHERE staff_id = $1 ORDER BY starts_at, id`,
      [staffId],
    );
  }

  async addAway(period: AwayPeriod & { reason: AwayReason }, by: string, at: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO staff_away_periods (id, staff_id, starts_at, ends_at, reason, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [period.id, period.staffId, period.startsAt, period.endsAt, period.reason, at, by],
    );
  }

  /** The period removed, or null if this person has none with that id. */
  async removeAway(staffId: string, id: string): Promise<AwayPeriod | null> {
    const [rows]: [AwayPeriod[], number] = await this.tx.manager().query(
      `DELETE FROM staff_away_periods WHERE staff_id = $1 AND id = $2
       RETURNING id, staff_id AS "staffId", starts_at AS "startsAt", ends_at AS "endsAt", reason`,
      [staffId, id],
    );
    return rows[0] ?? null;
  }
}
