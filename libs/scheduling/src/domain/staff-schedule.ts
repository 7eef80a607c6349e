import { BusinessCalendar, Interval, isOpen, nextOpening, WeeklyHours } from './business-time';
import { SchedulingSettings } from './scheduling-settings';

/** What routing needs to know about one person; null fields fall back to the clinic's. */
export interface StaffSchedule {
  staffId: string;
  timeZone: string | null;
  workingHours: WeeklyHours | null;
  /** ISO 639-1 codes; empty: not declared, so any lead's language will do. */
  languages: readonly string[];
  /** USPS codes; null: not restricted by state. */
  licensedStates: readonly string[] | null;
  /** Most open leads at once; null: no limit. */
  capacity: number | null;
  weight: number;
  lastAssignedAt: Date | null;
}

export const AWAY_REASONS = ['vacation', 'sick', 'training', 'leave', 'other'] as const;
export type AwayReason = (typeof AWAY_REASONS)[number];

export interface AwayPeriod {
  id: string;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
  reason: AwayReason;
}

/** A person as routing sees them at one moment. */
export interface Candidate {
  staffId: string;
  /** Active coordinator or admin. */
  assignable: boolean;
  schedule: StaffSchedule;
  away: readonly AwayPeriod[];
  openLeads: number;
}

export function defaultSchedule(staffId: string): StaffSchedule {
  return {
    staffId,
    timeZone: null,
    workingHours: null,
    languages: [],
    licensedStates: null,
    capacity: null,
    weight: 1,
    lastAssignedAt: null,
  };
}

export function staffCalendar(schedule: StaffSchedule, settings: SchedulingSettings) {
  const calendar: BusinessCalendar = {
    timeZone: schedule.timeZone ?? settings.timeZone,
    weeklyHours: schedule.workingHours ?? settings.businessHours,
    holidays: settings.holidays,
  };
  return calendar;
}

export const SKIP_REASONS = [
  'inactive',
  'away',
  'off_shift',
  'at_capacity',
  'not_licensed',
  'language',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What routing knows of the lead when it chooses. */
export interface LeadFacts {
  state: string | null;
  language: string | null;
}

export interface EligibilityOptions {
  /** An urgent lead with nobody free may go past capacity: someone must call now. */
  ignoreCapacity?: boolean;
}

/** Why this person cannot take the lead now, or null when they can. Permanent reasons first. */
export function skipReason(
  candidate: Candidate,
  lead: LeadFacts,
  settings: SchedulingSettings,
  now: Date,
  options: EligibilityOptions = {},
): SkipReason | null {
  const { schedule } = candidate;
  if (!candidate.assignable) return 'inactive';
  if (!isLicensed(schedule, lead)) return 'not_licensed';
  if (!speaks(schedule, lead)) return 'language';
  if (candidate.away.some((a) => a.startsAt <= now && now < a.endsAt)) return 'away';
  if (!isOpen(staffCalendar(schedule, settings), now)) return 'off_shift';
  if (!options.ignoreCapacity && schedule.capacity !== null) {
    if (candidate.openLeads >= schedule.capacity) return 'at_capacity';
  }
  return null;
}

/** Reasons that time alone will not cure. */
export function isPermanent(reason: SkipReason): boolean {
  return reason === 'inactive' || reason === 'not_licensed' || reason === 'language';
}

function isLicensed(schedule: StaffSchedule, lead: LeadFacts): boolean {
  if (schedule.licensedStates === null || lead.state === null) return true;
  return schedule.licensedStates.includes(lead.state);
}

function speaks(schedule: StaffSchedule, lead: LeadFacts): boolean {
  if (schedule.languages.length === 0 || lead.language === null) return true;
  return schedule.languages.includes(lead.language);
}

/**
 * The earliest time this person will be working and present, for a lead they may serve; null if
 * never within the horizon. Capacity is not foreseeable, so it is not considered.
 */
export function nextAvailable(
  candidate: Candidate,
  lead: LeadFacts,
  settings: SchedulingSettings,
  now: Date,
): Date | null {
  if (!candidate.assignable || !isLicensed(candidate.schedule, lead)) return null;
  if (!speaks(candidate.schedule, lead)) return null;
  const blocked: Interval[] = candidate.away.map((a) => ({ start: a.startsAt, end: a.endsAt }));
  return nextOpening(staffCalendar(candidate.schedule, settings), now, blocked, 60);
}
