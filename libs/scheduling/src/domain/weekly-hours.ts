import { DAY } from './time-zone';

// Weekly hours as people write them ('HH:mm' ranges per weekday) and local dates: parsing and
// checks. The arithmetic on them is in business-time.ts.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** 'HH:mm' 24-hour local wall time; `end` may be '24:00'; start < end. */
export interface TimeRange {
  start: string;
  end: string;
}

export type WeeklyHours = Readonly<Record<Weekday, readonly TimeRange[]>>;

const MINUTES_PER_DAY = 1440;

/** Field problems for user-supplied hours: bad HH:mm, start >= end, overlapping or unsorted ranges in a day, unknown weekday keys. Returns [] when fine. */
export function weeklyHoursProblems(
  hours: unknown,
  field: string,
): Array<{ field: string; message: string }> {
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    return [{ field, message: 'must be an object with one list of ranges per weekday' }];
  }
  const problems: Array<{ field: string; message: string }> = [];
  const days = hours as Record<string, unknown>;
  for (const key of Object.keys(days)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      problems.push({ field: `${field}.${key}`, message: 'is not a weekday (mon–sun)' });
    }
  }
  for (const day of WEEKDAYS) {
    const ranges = days[day];
    // A missing day would read as undefined later; closed days are spelled [] explicitly.
    if (!Object.hasOwn(days, day)) {
      problems.push({ field: `${field}.${day}`, message: 'is required ([] when closed)' });
      continue;
    }
    if (!Array.isArray(ranges)) {
      problems.push({ field: `${field}.${day}`, message: 'must be a list of time ranges' });
      continue;
    }
    let previousEnd: number | null = null;
    ranges.forEach((range: unknown, i) => {
      const path = `${field}.${day}[${i}]`;
      if (typeof range !== 'object' || range === null) {
        problems.push({ field: path, message: "must be { start: 'HH:mm', end: 'HH:mm' }" });
        previousEnd = null;
        return;
      }
      const { start, end } = range as Record<string, unknown>;
      const startMinute = parseTime(start, false);
      const endMinute = parseTime(end, true);
      if (startMinute === null) {
        problems.push({ field: `${path}.start`, message: "must be a time 'HH:mm' (00:00–23:59)" });
      }
      if (endMinute === null) {
        problems.push({ field: `${path}.end`, message: "must be a time 'HH:mm' (00:00–24:00)" });
      }
      if (startMinute !== null && endMinute !== null && startMinute >= endMinute) {
        problems.push({ field: `${path}.end`, message: 'must be after start' });
      }
      if (startMinute !== null && previousEnd !== null && startMinute < previousEnd) {
        problems.push({
          field: `${path}.start`,
          message: 'must not be before the end of the previous range (sorted, no overlaps)',
        });
      }
      previousEnd = endMinute;
    });
  }
  return problems;
}

/** True for a real calendar date written 'yyyy-MM-dd'. */
export function isLocalDate(value: string): boolean {
  return dayNumberOf(value) !== null;
}

export const ALWAYS_CLOSED: WeeklyHours = Object.freeze({
  mon: Object.freeze([]),
  tue: Object.freeze([]),
  wed: Object.freeze([]),
  thu: Object.freeze([]),
  fri: Object.freeze([]),
  sat: Object.freeze([]),
  sun: Object.freeze([]),
});

/** Monday to Friday from `start` to `end` ('HH:mm'), closed at the weekend. */
export function weekdays(start: string, end: string): WeeklyHours {
  const day = Object.freeze([Object.freeze({ start, end })]);
  const hours: WeeklyHours = Object.freeze({
    ...ALWAYS_CLOSED,
    mon: day,
    tue: day,
    wed: day,
    thu: day,
    fri: day,
  });
  assertHours(hours);
  return hours;
}

export function assertHours(hours: WeeklyHours): void {
  const [problem] = weeklyHoursProblems(hours, 'weeklyHours');
  if (problem) throw new RangeError(`Invalid business hours: ${problem.field} ${problem.message}`);
}

/** Minutes since midnight for 'HH:mm', or null; '24:00' only when `allowEndOfDay`. */
export function parseTime(value: unknown, allowEndOfDay: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (value === '24:00') return allowEndOfDay ? MINUTES_PER_DAY : null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Local days since 1970-01-01 for a real 'yyyy-MM-dd' date, or null. */
export function dayNumberOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: the latter maps years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.floor(date.getTime() / DAY);
}
