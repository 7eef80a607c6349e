import { FieldError } from '@intake/kernel';
import {
  addBusinessDays,
  addBusinessMinutes,
  BusinessCalendar,
  isLocalDate,
  isValidTimeZone,
  nextBusinessDayAt,
  nextOpening,
  weekdays,
  WeeklyHours,
  weeklyHoursProblems,
} from './business-time';

export type Priority = 'normal' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['normal', 'high', 'urgent'];

/** How long the first contact may take: wall-clock minutes, or minutes of business hours. */
export interface SlaPolicy {
  minutes: number;
  clock: 'wall' | 'business';
}

/** When to try again after an unanswered attempt; the cadence's last step failing ends it. */
export type CadenceStep =
  | { type: 'wall_minutes'; minutes: number }
  | { type: 'business_minutes'; minutes: number }
  /** The next business day at a local time in the lead's time zone. */
  | { type: 'next_business_day_at'; time: string }
  | { type: 'business_days'; days: number };

export interface SchedulingSettings {
  timeZone: string;
  businessHours: WeeklyHours;
  holidays: readonly string[];
  firstContactSla: Readonly<Record<Priority, SlaPolicy>>;
  cadence: readonly CadenceStep[];
}

export const DEFAULT_SETTINGS: SchedulingSettings = {
  timeZone: 'America/New_York',
  businessHours: weekdays('09:00', '17:00'),
  holidays: [],
  firstContactSla: {
    urgent: { minutes: 5, clock: 'wall' },
    high: { minutes: 15, clock: 'wall' },
    normal: { minutes: 60, clock: 'business' },
  },
  cadence: [
    { type: 'wall_minutes', minutes: 120 },
    { type: 'next_business_day_at', time: '10:00' },
    { type: 'business_days', days: 3 },
  ],
};

export function clinicCalendar(settings: SchedulingSettings): BusinessCalendar {
  return {
    timeZone: settings.timeZone,
    weeklyHours: settings.businessHours,
    holidays: settings.holidays,
  };
}

/** When a follow-up started at `from` for a lead of this priority becomes overdue. */
export function slaDeadline(settings: SchedulingSettings, priority: Priority, from: Date): Date {
  const policy = settings.firstContactSla[priority];
  return policy.clock === 'wall'
    ? new Date(from.getTime() + policy.minutes * 60_000)
    : addBusinessMinutes(clinicCalendar(settings), from, policy.minutes);
}

/**
 * When the next attempt is due after attempt number `attempt` went unanswered at `at`; null once
 * the cadence is used up. Results outside the clinic's hours move to its next opening, except a
 * time the cadence names in the lead's own zone.
 */
export function nextCadenceDue(
  settings: SchedulingSettings,
  attempt: number,
  at: Date,
  leadTimeZone: string,
): Date | null {
  const step = settings.cadence[attempt - 1];
  if (!step) return null;
  const calendar = clinicCalendar(settings);
  const open = (t: Date) => nextOpening(calendar, t) ?? t;
  switch (step.type) {
    case 'wall_minutes':
      return open(new Date(at.getTime() + step.minutes * 60_000));
    case 'business_minutes':
      return addBusinessMinutes(calendar, at, step.minutes);
    case 'next_business_day_at':
      return nextBusinessDayAt(calendar, at, step.time, leadTimeZone);
    case 'business_days':
      return addBusinessDays(calendar, at, step.days);
  }
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CADENCE_TYPES = ['wall_minutes', 'business_minutes', 'next_business_day_at', 'business_days'];
const isInt = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Every problem with settings an admin sent, as field errors; [] when they can be saved. `at`:
 * from when the SLA and cadence must be computable (holidays can close every business day).
 */
export function settingsProblems(s: SchedulingSettings, at = new Date(0)): FieldError[] {
  const problems: FieldError[] = [];
  if (!isValidTimeZone(s.timeZone)) {
    problems.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  }
  problems.push(...weeklyHoursProblems(s.businessHours, 'businessHours'));
  const days: unknown[] = Object.values(s.businessHours ?? {});
  if (!days.some((ranges) => Array.isArray(ranges) && ranges.length > 0)) {
    problems.push({ field: 'businessHours', message: 'must open on at least one day' });
  }
  s.holidays.forEach((day, i) => {
    if (!isLocalDate(day))
      problems.push({ field: `holidays[${i}]`, message: 'must be YYYY-MM-DD' });
  });
  for (const priority of PRIORITIES) {
    const policy = s.firstContactSla[priority];
    const field = `firstContactSla.${priority}`;
    if (!policy) {
      problems.push({ field, message: 'is required' });
      continue;
    }
    if (!isInt(policy.minutes, 1, 60 * 24 * 14)) {
      problems.push({ field: `${field}.minutes`, message: 'must be a whole number 1–20160' });
    }
    if (policy.clock !== 'wall' && policy.clock !== 'business') {
      problems.push({ field: `${field}.clock`, message: 'must be wall or business' });
    }
  }
  if (s.cadence.length > 10) problems.push({ field: 'cadence', message: 'has at most 10 steps' });
  s.cadence.forEach((step, i) => {
    const field = `cadence[${i}]`;
    if (!CADENCE_TYPES.includes(step.type)) {
      problems.push({
        field: `${field}.type`,
        message: `must be one of ${CADENCE_TYPES.join(', ')}`,
      });
    } else if (
      step.type === 'next_business_day_at' &&
      (typeof step.time !== 'string' || !HH_MM.test(step.time))
    ) {
      problems.push({ field: `${field}.time`, message: 'must be HH:mm' });
    } else if (step.type === 'business_days' && !isInt(step.days, 1, 60)) {
      problems.push({ field: `${field}.days`, message: 'must be a whole number 1–60' });
    } else if (
      (step.type === 'wall_minutes' || step.type === 'business_minutes') &&
      !isInt(step.minutes, 1, 60 * 24 * 30)
    ) {
      problems.push({ field: `${field}.minutes`, message: 'must be a whole number 1–43200' });
    }
  });
  if (problems.length === 0) problems.push(...reachability(s, at));
  return problems;
}

/**
 * Business time is looked for at most a year ahead: settings under which the SLA or a cadence
 * step finds none (holidays on every open day) are refused here, not found by every assignment.
 */
function reachability(s: SchedulingSettings, from: Date): FieldError[] {
  const problems: FieldError[] = [];
  const reach = (field: string, compute: () => unknown) => {
    try {
      compute();
    } catch {
      problems.push({ field, message: 'finds no business hours within a year' });
    }
  };
  for (const priority of PRIORITIES) {
    reach(`firstContactSla.${priority}.minutes`, () => slaDeadline(s, priority, from));
  }
  s.cadence.forEach((_, i) =>
    reach(`cadence[${i}]`, () => nextCadenceDue(s, i + 1, from, s.timeZone)),
  );
  return problems;
}
