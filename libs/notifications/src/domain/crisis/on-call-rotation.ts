import { DateTime, IANAZone } from 'luxon';
import type { FieldError } from '@intake/kernel';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One weekly on-call shift in the clinic's zone: from `start` on each of `days` to `end`. An
 * `end` at or before `start` runs past midnight into the next day ("fri 18:00–08:00" is Friday
 * night to Saturday morning), so nights and weekends are written as they are spoken.
 */
export interface OnCallShift {
  staffId: string;
  days: Weekday[];
  /** `HH:MM`, 24-hour. */
  start: string;
  /** `HH:MM`, or `24:00` for midnight at the end of the day. */
  end: string;
}

/** Who is paged for a crisis, and how fast it moves on. */
export interface OnCallSettings {
  /** IANA zone the shifts are written in. */
  timeZone: string;
  /** With no acknowledgement this long after a page, the next person is paged. */
  ackTimeoutMinutes: number;
  /** The rotation; where shifts overlap, the first listed wins. */
  shifts: OnCallShift[];
  /** Paged in this order after the person on call (or first, when nobody is), then round again. */
  escalation: string[];
}

export const DEFAULT_ON_CALL: OnCallSettings = Object.freeze({
  timeZone: 'America/New_York',
  ackTimeoutMinutes: 5,
  shifts: [],
  escalation: [],
}) as OnCallSettings;

export const MAX_SHIFTS = 100;
export const MAX_ESCALATION = 20;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END = /^(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Every problem at once, as field errors; none means the settings can be saved. */
export function onCallProblems(s: OnCallSettings): FieldError[] {
  const problems: FieldError[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (typeof s.timeZone !== 'string' || !IANAZone.isValidZone(s.timeZone)) {
    fail('timeZone', 'must be an IANA time zone, e.g. America/New_York');
  }
  if (
    !Number.isInteger(s.ackTimeoutMinutes) ||
    s.ackTimeoutMinutes < 1 ||
    s.ackTimeoutMinutes > 60
  ) {
    fail('ackTimeoutMinutes', 'must be a whole number of minutes from 1 to 60');
  }
  if (!Array.isArray(s.shifts) || s.shifts.length > MAX_SHIFTS) {
    fail('shifts', `must be a list of at most ${MAX_SHIFTS} shifts`);
  } else {
    s.shifts.forEach((shift, i) => {
      const at = `shifts[${i}]`;
      if (typeof shift?.staffId !== 'string' || !UUID.test(shift.staffId)) {
        fail(`${at}.staffId`, 'must be a staff id');
      }
      const days = shift?.days;
      if (
        !Array.isArray(days) ||
        days.length === 0 ||
        days.some((d) => !WEEKDAYS.includes(d)) ||
        new Set(days).size !== days.length
      ) {
        fail(`${at}.days`, `must list distinct days among ${WEEKDAYS.join(', ')}`);
      }
      if (typeof shift?.start !== 'string' || !TIME.test(shift.start)) {
        fail(`${at}.start`, 'must be a time HH:MM (24-hour)');
      }
      if (typeof shift?.end !== 'string' || !END.test(shift.end)) {
        fail(`${at}.end`, 'must be a time HH:MM (24-hour), or 24:00');
      }
    });
  }
  if (
    !Array.isArray(s.escalation) ||
    s.escalation.length > MAX_ESCALATION ||
    s.escalation.some((id) => typeof id !== 'string' || !UUID.test(id)) ||
    new Set(s.escalation).size !== s.escalation.length
  ) {
    fail('escalation', `must be at most ${MAX_ESCALATION} distinct staff ids, in paging order`);
  }
  return problems;
}

/** Minute ranges of the week (Monday 00:00 = 0) a shift covers, wrapped at the week's end. */
function rangesOf(shift: OnCallShift): Array<[number, number]> {
  const start = minutesOf(shift.start);
  let end = minutesOf(shift.end);
  if (end <= start) end += MINUTES_PER_DAY;
  const ranges: Array<[number, number]> = [];
  for (const day of shift.days) {
    const from = WEEKDAYS.indexOf(day) * MINUTES_PER_DAY + start;
    const to = WEEKDAYS.indexOf(day) * MINUTES_PER_DAY + end;
    if (to <= MINUTES_PER_WEEK) ranges.push([from, to]);
    else ranges.push([from, MINUTES_PER_WEEK], [0, to - MINUTES_PER_WEEK]);
  }
  return ranges;
}

function minuteOfWeek(s: OnCallSettings, at: Date): number {
  const local = DateTime.fromJSDate(at, { zone: s.timeZone });
  return (local.weekday - 1) * MINUTES_PER_DAY + local.hour * 60 + local.minute;
}

/** Who is on call at `at`: the first listed shift covering that minute, or null. */
export function onCallAt(s: OnCallSettings, at: Date): string | null {
  const minute = minuteOfWeek(s, at);
  const shift = s.shifts.find((candidate) =>
    rangesOf(candidate).some(([from, to]) => minute >= from && minute < to),
  );
  return shift?.staffId ?? null;
}

/**
 * Who is paged, in order, for a crisis at `at`: the person on call, then the escalation list
 * (without them). Only people who can take a lead now (`available`) are kept.
 */
export function pagingOrder(s: OnCallSettings, at: Date, available: ReadonlySet<string>): string[] {
  const onCall = onCallAt(s, at);
  const order = [...(onCall ? [onCall] : []), ...s.escalation.filter((id) => id !== onCall)];
  return order.filter((id) => available.has(id));
}

export interface CoverageGap {
  day: Weekday;
  /** `HH:MM` on `day`. */
  from: string;
  /** `HH:MM`; `24:00` for the end of the day. A gap over midnight is two gaps. */
  to: string;
}

/**
 * The times of the week nobody is on call, in the clinic's zone: a crisis then goes straight to
 * the escalation list. The settings answer shows them so an admin can close them.
 */
export function coverageGaps(s: OnCallSettings): CoverageGap[] {
  const covered = new Uint8Array(MINUTES_PER_WEEK);
  for (const shift of s.shifts) {
    for (const [from, to] of rangesOf(shift)) covered.fill(1, from, to);
  }
  const gaps: CoverageGap[] = [];
  const clock = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  for (let day = 0; day < 7; day += 1) {
    let start: number | null = null;
    for (let m = 0; m <= MINUTES_PER_DAY; m += 1) {
      const free = m < MINUTES_PER_DAY && covered[day * MINUTES_PER_DAY + m] === 0;
      if (free && start === null) start = m;
      if (!free && start !== null) {
        gaps.push({ day: WEEKDAYS[day], from: clock(start), to: clock(m) });
        start = null;
      }
    }
  }
  return gaps;
}
