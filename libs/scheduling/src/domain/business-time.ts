import { assertHours, dayNumberOf, parseTime, WEEKDAYS, WeeklyHours } from './weekly-hours';
import { DAY, instantOfLocal, localDayOf, MINUTE, ZoneOffsets, zoneOffsets } from './time-zone';

export {
  ALWAYS_CLOSED,
  isLocalDate,
  type TimeRange,
  type Weekday,
  WEEKDAYS,
  weekdays,
  type WeeklyHours,
  weeklyHoursProblems,
} from './weekly-hours';
export { isValidTimeZone } from './time-zone';

export interface BusinessCalendar {
  /** IANA zone the hours and holidays are read in. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  /** 'yyyy-MM-dd' local dates in `timeZone` with no business hours at all. */
  holidays: readonly string[];
}

/** Half-open: [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

const HORIZON_DAYS = 366;

/** Business intervals overlapping [from, until), clipped to it, in order, minus `blocked` intervals (e.g. away periods). */
export function openIntervals(
  cal: BusinessCalendar,
  from: Date,
  until: Date,
  blocked: readonly Interval[] = [],
): Interval[] {
  const c = compile(cal);
  const fromMs = instant(from, 'from');
  const untilMs = instant(until, 'until');
  if (untilMs <= fromMs) return [];
  const merged: number[] = [];
  const source = spans(c, fromMs, localDayOf(c.zone, untilMs) + 1, Infinity);
  for (const [start, end] of minus(source, blockedSpans(blocked))) {
    if (start >= untilMs) break;
    const clippedEnd = Math.min(end, untilMs);
    // Days are built separately; 24:00 and the next 00:00 meet and must read as one stretch.
    if (merged.length > 0 && start <= merged[merged.length - 1]) {
      merged[merged.length - 1] = Math.max(merged[merged.length - 1], clippedEnd);
    } else {
      merged.push(start, clippedEnd);
    }
  }
  const intervals: Interval[] = [];
  for (let i = 0; i < merged.length; i += 2) {
    intervals.push({ start: new Date(merged[i]), end: new Date(merged[i + 1]) });
  }
  return intervals;
}

/** True when `at` falls in a business interval [start, end) and in no blocked interval. */
export function isOpen(
  cal: BusinessCalendar,
  at: Date,
  blocked: readonly Interval[] = [],
): boolean {
  const c = compile(cal);
  const atMs = instant(at, 'at');
  const away = blockedSpans(blocked);
  for (let i = 0; i < away.length; i += 2) if (away[i] <= atMs && atMs < away[i + 1]) return false;
  for (const [start] of spans(c, atMs, localDayOf(c.zone, atMs) + 1, Infinity)) {
    return start <= atMs;
  }
  return false;
}

/** `at` when open, else the start of the next business interval; null if none within `horizonDays` (default 366). */
export function nextOpening(
  cal: BusinessCalendar,
  at: Date,
  blocked: readonly Interval[] = [],
  horizonDays = HORIZON_DAYS,
): Date | null {
  if (!Number.isFinite(horizonDays) || horizonDays < 0) {
    throw new RangeError('horizonDays must be a non-negative number');
  }
  const opening = openingAfter(compile(cal), instant(at, 'at'), blockedSpans(blocked), horizonDays);
  return opening === null ? null : new Date(opening);
}

/** Adds whole business minutes (>= 0). 0 returns `at` unchanged; > 0 lands in (start, end] of a business interval (a result exactly at closing time is allowed, it is where the time ran out). Throws RangeError if the calendar has no business time within 366 days. */
export function addBusinessMinutes(cal: BusinessCalendar, at: Date, minutes: number): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError('minutes must be a whole number >= 0');
  }
  const c = compile(cal);
  const atMs = instant(at, 'at');
  if (minutes === 0) return new Date(atMs);
  let left = minutes * MINUTE;
  for (const [start, end] of spans(c, atMs, Infinity, HORIZON_DAYS)) {
    if (end - start >= left) return new Date(start + left);
    left -= end - start;
  }
  throw new RangeError(`The calendar has no business time within ${HORIZON_DAYS} days`);
}

/** Business milliseconds/60000 between from and to (0 if to <= from); may be fractional. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const c = compile(cal);
  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const [start, end] of spans(c, fromMs, localDayOf(c.zone, toMs) + 1, Infinity)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total / MINUTE;
}

/** The first business day of `cal` strictly after the local date of `at` in `zone` (a day with hours in cal.weeklyHours and not a holiday, judged by that local date's weekday in `zone`), at local time `time` ('HH:mm') in `zone`. */
export function nextBusinessDayAt(
  cal: BusinessCalendar,
  at: Date,
  time: string,
  zone: string,
): Date {
  const c = compile(cal);
  const offsets = zoneOffsets(zone);
  const minute = parseTime(time, false);
  if (minute === null) throw new RangeError(`time must be 'HH:mm' (00:00–23:59), got ${time}`);
  const today = localDayOf(offsets, instant(at, 'at'));
  for (let day = today + 1; day <= today + HORIZON_DAYS; day++) {
    if (isBusinessDay(c, day))
      return new Date(instantOfLocal(offsets, day * DAY + minute * MINUTE));
  }
  throw new RangeError(`The calendar has no business day within ${HORIZON_DAYS} days`);
}

/** `days` business days (>=1) after `at`'s local date in cal.timeZone, at the same local time of day; if that instant is not open, the next opening after it. */
export function addBusinessDays(cal: BusinessCalendar, at: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new RangeError('days must be a whole number >= 1');
  }
  const c = compile(cal);
  const atMs = instant(at, 'at');
  const local = atMs + c.zone.offsetAt(atMs);
  const today = Math.floor(local / DAY);
  const timeOfDay = local - today * DAY;
  let day = today;
  for (let counted = 0, idle = 0; counted < days;) {
    day++;
    if (isBusinessDay(c, day)) {
      counted++;
      idle = 0;
    } else if (++idle > HORIZON_DAYS) {
      throw new RangeError(`The calendar has no business day within ${HORIZON_DAYS} days`);
    }
  }
  const target = instantOfLocal(c.zone, day * DAY + timeOfDay);
  const opening = openingAfter(c, target, [], HORIZON_DAYS);
  if (opening === null) {
    throw new RangeError(`The calendar has no business time within ${HORIZON_DAYS} days`);
  }
  return new Date(opening);
}

// ---------------------------------------------------------------------------------------------
// Internals. Instants are epoch milliseconds; a "local" value is milliseconds since 1970-01-01
// 00:00 on the wall clock, and a "day" is a whole number of local days since then.

type Span = readonly [start: number, end: number];

interface CompiledCalendar {
  zone: ZoneOffsets;
  /** Per weekday index (0 = mon), range boundaries as minutes of the day: [s0, e0, s1, e1, ...]. */
  ranges: ReadonlyArray<readonly number[]>;
  holidays: ReadonlySet<number>;
}

function weekdayIndex(day: number): number {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return (((day + 3) % 7) + 7) % 7;
}

function isBusinessDay(c: CompiledCalendar, day: number): boolean {
  return !c.holidays.has(day) && c.ranges[weekdayIndex(day)].length > 0;
}

const NO_SPANS: readonly number[] = [];

/** The day's business time as sorted, disjoint [start, end, start, end, ...] instants. */
function dayIntervals(c: CompiledCalendar, day: number): readonly number[] {
  if (c.holidays.has(day)) return NO_SPANS;
  const ranges = c.ranges[weekdayIndex(day)];
  if (ranges.length === 0) return NO_SPANS;
  const midnight = day * DAY;
  const out: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const start = instantOfLocal(c.zone, midnight + ranges[i] * MINUTE);
    const end = instantOfLocal(c.zone, midnight + ranges[i + 1] * MINUTE);
    // A range wholly inside a spring-forward gap has no real time that day.
    if (end <= start) continue;
    if (out.length > 0 && start <= out[out.length - 1]) {
      out[out.length - 1] = Math.max(out[out.length - 1], end);
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/**
 * Business spans after `from` (clipped to it), in order and disjoint, not merged across midnight, up to
 * local day `lastDay`; stops early after more than `maxIdleDays` days in a row without hours.
 */
function* spans(
  c: CompiledCalendar,
  from: number,
  lastDay: number,
  maxIdleDays: number,
): Generator<Span> {
  // From the day before: a fall-back across midnight can leave its hours after `from`.
  let idle = 0;
  for (let day = localDayOf(c.zone, from) - 1; day <= lastDay; day++) {
    const intervals = dayIntervals(c, day);
    if (intervals.length === 0) {
      if (++idle > maxIdleDays) return;
      continue;
    }
    idle = 0;
    for (let i = 0; i < intervals.length; i += 2) {
      if (intervals[i + 1] > from) yield [Math.max(intervals[i], from), intervals[i + 1]];
    }
  }
}

/** Sorted, merged blocked intervals as [start, end, ...], empty ones dropped. */
function blockedSpans(blocked: readonly Interval[]): number[] {
  const sorted = blocked
    .map((b) => [instant(b.start, 'blocked.start'), instant(b.end, 'blocked.end')] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of sorted) {
    if (merged.length > 0 && start <= merged[merged.length - 1]) {
      merged[merged.length - 1] = Math.max(merged[merged.length - 1], end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

function* minus(source: Iterable<Span>, blocked: readonly number[]): Generator<Span> {
  let next = 0;
  for (const [start, end] of source) {
    while (next < blocked.length && blocked[next + 1] <= start) next += 2;
    let from = start;
    for (let b = next; from < end; b += 2) {
      if (b >= blocked.length || blocked[b] >= end) {
        yield [from, end];
        break;
      }
      if (blocked[b] > from) yield [from, blocked[b]];
      from = Math.max(from, blocked[b + 1]);
    }
  }
}

function openingAfter(
  c: CompiledCalendar,
  at: number,
  blocked: readonly number[],
  horizonDays: number,
): number | null {
  const lastDay = localDayOf(c.zone, at) + Math.ceil(horizonDays);
  for (const [start] of minus(spans(c, at, lastDay, Infinity), blocked)) {
    return start;
  }
  return null;
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  const zone = zoneOffsets(cal.timeZone);
  assertHours(cal.weeklyHours);
  const ranges = WEEKDAYS.map((day) =>
    cal.weeklyHours[day].flatMap((r) => [parseTime(r.start, false)!, parseTime(r.end, true)!]),
  );
  const holidays = new Set<number>();
  for (const holiday of cal.holidays) {
    const day = dayNumberOf(holiday);
    if (day === null) throw new RangeError(`Holiday must be a 'yyyy-MM-dd' date, got ${holiday}`);
    holidays.add(day);
  }
  return { zone, ranges, holidays };
}

function instant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}
