import { IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** 'HH:mm' 24-hour local wall time; `end` may be '24:00'; start < end. */
export interface TimeRange {
  start: string;
  end: string;
}

export type WeeklyHours = Readonly<Record<Weekday, readonly TimeRange[]>>;

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

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
const HORIZON_DAYS = 366;

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && IANAZone.isValidZone(zone);
}

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

interface Transition {
  at: number;
  before: number;
  after: number;
}

/**
 * Offsets (ms) of one zone, cached per half day. Luxon asks Intl for every offset (~10 µs),
 * which would dominate a day-by-day walk; offsets change a few times a year, so a half-day
 * bucket is either constant or holds one transition, found to the second by bisection.
 */
class ZoneOffsets {
  private static readonly BUCKET = DAY / 2;
  private static readonly MAX_BUCKETS = 50_000;
  private readonly buckets = new Map<number, number | Transition>();

  constructor(private readonly zone: IANAZone) {}

  offsetAt(ms: number): number {
    const entry = this.bucket(Math.floor(ms / ZoneOffsets.BUCKET));
    if (typeof entry === 'number') return entry;
    return ms < entry.at ? entry.before : entry.after;
  }

  /** The first offset change in (after, upTo], if any. */
  transitionIn(after: number, upTo: number): number | null {
    const last = Math.floor(upTo / ZoneOffsets.BUCKET);
    for (let b = Math.floor(after / ZoneOffsets.BUCKET); b <= last; b++) {
      const entry = this.bucket(b);
      if (typeof entry !== 'number' && entry.at > after && entry.at <= upTo) return entry.at;
    }
    return null;
  }

  private bucket(index: number): number | Transition {
    const cached = this.buckets.get(index);
    if (cached !== undefined) return cached;
    const low = index * ZoneOffsets.BUCKET;
    const high = low + ZoneOffsets.BUCKET;
    const before = this.lookup(low);
    const after = this.lookup(high);
    let entry: number | Transition = before;
    if (before !== after) {
      // tzdb transitions fall on whole seconds, and bucket edges are whole seconds too.
      let unchanged = low;
      let changed = high;
      while (changed - unchanged > 1000) {
        const mid = unchanged + Math.floor((changed - unchanged) / 2000) * 1000;
        if (this.lookup(mid) === before) unchanged = mid;
        else changed = mid;
      }
      entry = { at: changed, before, after };
    }
    if (this.buckets.size >= ZoneOffsets.MAX_BUCKETS) this.buckets.clear();
    this.buckets.set(index, entry);
    return entry;
  }

  private lookup(ms: number): number {
    const minutes = this.zone.offset(ms);
    if (!Number.isFinite(minutes))
      throw new RangeError(`No UTC offset for ${ms} in ${this.zone.name}`);
    return Math.round(minutes * MINUTE);
  }
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(name: string): ZoneOffsets {
  let offsets = zones.get(name);
  if (offsets === undefined) {
    if (!isValidTimeZone(name)) throw new RangeError(`Unknown time zone: ${name}`);
    // Names are validated but user-supplied; bound the cache against case variants and typos.
    if (zones.size >= 1000) zones.clear();
    offsets = new ZoneOffsets(IANAZone.create(name));
    zones.set(name, offsets);
  }
  return offsets;
}

function localDayOf(zone: ZoneOffsets, ms: number): number {
  return Math.floor((ms + zone.offsetAt(ms)) / DAY);
}

/**
 * The first instant at which the wall clock reads `local` or later: in a spring-forward gap
 * that is the end of the gap, and of a repeated fall-back time, its first occurrence. Being
 * monotonic, it keeps each day's ranges in order and lets 24:00 meet the next day's 00:00.
 */
function instantOfLocal(zone: ZoneOffsets, local: number): number {
  // Offsets a day either side bracket any instant whose wall time is `local` (|offset| < 1 day).
  const before = zone.offsetAt(local - DAY);
  const after = zone.offsetAt(local + DAY);
  if (before === after) return local - before;
  const first = local - before;
  const second = local - after;
  const firstValid = zone.offsetAt(first) === before;
  const secondValid = zone.offsetAt(second) === after;
  if (firstValid && secondValid) return Math.min(first, second);
  if (firstValid) return first;
  if (secondValid) return second;
  const low = Math.min(first, second);
  const high = Math.max(first, second);
  return zone.transitionIn(low, high) ?? high;
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

function assertHours(hours: WeeklyHours): void {
  const [problem] = weeklyHoursProblems(hours, 'weeklyHours');
  if (problem) throw new RangeError(`Invalid business hours: ${problem.field} ${problem.message}`);
}

/** Minutes since midnight for 'HH:mm', or null; '24:00' only when `allowEndOfDay`. */
function parseTime(value: unknown, allowEndOfDay: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (value === '24:00') return allowEndOfDay ? MINUTES_PER_DAY : null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function dayNumberOf(value: unknown): number | null {
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

function instant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}
