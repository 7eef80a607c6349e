import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { asInt, IsTimestamp, Trim } from '@intake/platform';
import { LeadResponse, STATE_TIME_ZONES } from '@intake/leads';
import { WeeklyHours } from '../../domain/business-time';
import {
  FOLLOW_UP_KINDS,
  FollowUpKind,
  FollowUpState,
  RESCHEDULE_REASONS,
  RescheduleReason,
} from '../../domain/follow-up';
import { STRATEGIES, Strategy } from '../../domain/routing';
import { LEAD_CHANGE_KINDS, LeadChangeKind } from '../../application/watch-queue/lead-change';
import {
  CadenceStep,
  PRIORITIES,
  Priority,
  SchedulingSettings,
  SlaPolicy,
} from '../../domain/scheduling-settings';
import { AWAY_REASONS, AwayPeriod, AwayReason, StaffSchedule } from '../../domain/staff-schedule';
import { AssignmentExplanation } from '../../application/explain-assignment/assignment-explanation.query';
import { PoolSettings } from '../../infrastructure/pool.repository';
import { QueuePage } from '../../application/get-queue/queue.query';

const HOURS_EXAMPLE = {
  mon: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
  sat: [],
  sun: [],
};
const HOURS_DOC =
  'Local wall-clock ranges per weekday (mon…sun), HH:mm, end after start (24:00 allowed), sorted and not overlapping.';
const STATE_CODES = Object.keys(STATE_TIME_ZONES);
const LANGUAGE = /^[a-z]{2}$/;

export class SlaPolicyDto {
  @ApiProperty({ minimum: 1, maximum: 20160, example: 60 })
  @IsInt()
  @Min(1)
  @Max(20160)
  minutes!: number;

  @ApiProperty({ enum: ['wall', 'business'], description: 'business: counts only business hours.' })
  @IsIn(['wall', 'business'])
  clock!: SlaPolicy['clock'];
}

export class FirstContactSlaDto {
  @ApiProperty({ type: SlaPolicyDto })
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  urgent!: SlaPolicyDto;
  @ApiProperty({ type: SlaPolicyDto })
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  high!: SlaPolicyDto;
  @ApiProperty({ type: SlaPolicyDto })
  @ValidateNested()
  @Type(() => SlaPolicyDto)
  normal!: SlaPolicyDto;
}

export class SchedulingSettingsDto {
  @ApiProperty({ example: 'America/New_York', description: 'IANA time zone of the clinic.' })
  @IsString()
  timeZone!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: HOURS_EXAMPLE,
    description: HOURS_DOC,
  })
  @IsObject()
  businessHours!: WeeklyHours;

  @ApiProperty({
    type: [String],
    example: ['2026-12-25'],
    description: 'Closed all day (YYYY-MM-DD, clinic time).',
  })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({ type: FirstContactSlaDto })
  @ValidateNested()
  @Type(() => FirstContactSlaDto)
  firstContactSla!: FirstContactSlaDto;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      { type: 'wall_minutes', minutes: 120 },
      { type: 'next_business_day_at', time: '10:00' },
      { type: 'business_days', days: 3 },
    ],
    description:
      'After an unanswered attempt n, step n sets the next one: wall_minutes {minutes}, business_minutes {minutes}, next_business_day_at {time, in the lead’s time zone}, business_days {days}. When the last step’s attempt goes unanswered too, the lead becomes unresponsive.',
  })
  @IsArray()
  @IsObject({ each: true })
  cadence!: CadenceStep[];

  static from(s: SchedulingSettings): SchedulingSettingsDto {
    return {
      timeZone: s.timeZone,
      businessHours: s.businessHours,
      holidays: [...s.holidays],
      firstContactSla: { ...s.firstContactSla },
      cadence: [...s.cadence],
    };
  }
}

export class UpdateStaffScheduleRequest {
  // Absent keeps the value; null returns to the clinic's default where one exists.
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'IANA zone; null: the clinic’s.',
  })
  @IsOptional()
  @IsString()
  timeZone?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: HOURS_EXAMPLE,
    description: `${HOURS_DOC} null: the clinic’s business hours.`,
  })
  @IsOptional()
  @IsObject()
  workingHours?: WeeklyHours | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['en', 'es'],
    description: 'ISO 639-1; empty: any language.',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code such as es' })
  languages?: string[];

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['NY', 'NJ'],
    description: 'USPS codes; null: any state.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsIn(STATE_CODES, { each: true, message: 'each licensed state must be a US state code' })
  licensedStates?: string[] | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 10000,
    description: 'Most open leads at once; null: no limit.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  capacity?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Share in weighted pools.' })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt()
  @Min(1)
  @Max(100)
  weight?: number;
}

export class StaffScheduleResponse {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: String, nullable: true }) timeZone!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  workingHours!: WeeklyHours | null;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String], nullable: true }) licensedStates!: string[] | null;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAssignedAt!:
    string | null;

  static from(s: StaffSchedule): StaffScheduleResponse {
    return {
      staffId: s.staffId,
      timeZone: s.timeZone,
      workingHours: s.workingHours,
      languages: [...s.languages],
      licensedStates: s.licensedStates ? [...s.licensedStates] : null,
      capacity: s.capacity,
      weight: s.weight,
      lastAssignedAt: s.lastAssignedAt?.toISOString() ?? null,
    };
  }
}

export class CreateAwayPeriodRequest {
  @ApiProperty({ example: '2026-12-24T00:00:00-05:00' }) @IsTimestamp() startsAt!: string;
  @ApiProperty({ example: '2026-12-28T00:00:00-05:00' }) @IsTimestamp() endsAt!: string;
  @ApiProperty({ enum: AWAY_REASONS }) @IsIn(AWAY_REASONS) reason!: AwayReason;
}

export class AwayPeriodResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: AWAY_REASONS }) reason!: AwayReason;

  static from(a: AwayPeriod): AwayPeriodResponse {
    return {
      id: a.id,
      staffId: a.staffId,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      reason: a.reason,
    };
  }
}

export class AwayPeriodListResponse {
  @ApiProperty({ type: [AwayPeriodResponse] }) items!: AwayPeriodResponse[];
}

export class PoolRequest {
  @ApiProperty({ maxLength: 100, example: 'Spanish speakers' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: STRATEGIES })
  @IsIn(STRATEGIES)
  strategy!: Strategy;

  @ApiPropertyOptional({
    default: false,
    description: 'Every active coordinator, in id order; memberIds is ignored.',
  })
  @IsOptional()
  @IsBoolean()
  allCoordinators?: boolean;

  @ApiPropertyOptional({
    default: 3,
    minimum: 0,
    maximum: 100,
    description: 'Weighted: most leads someone back from an absence may get ahead of their share.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  catchUpCap?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Leads no rule matches come here; one pool is the default.',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'Active coordinators or admins, in rotation order.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class PoolResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: Strategy;
  @ApiProperty() allCoordinators!: boolean;
  @ApiProperty() catchUpCap!: number;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ type: [String] }) memberIds!: string[];

  static from(p: PoolSettings): PoolResponse {
    return { ...p, memberIds: [...p.memberIds] };
  }
}

export class PoolListResponse {
  @ApiProperty({ type: [PoolResponse] }) items!: PoolResponse[];
}

export class RuleConditionsDto {
  @ApiPropertyOptional({ type: [String], example: ['NY', 'NJ'] })
  @IsOptional()
  @IsArray()
  @IsIn(STATE_CODES, { each: true, message: 'each state must be a US state code' })
  states?: string[];

  @ApiPropertyOptional({ type: [String], example: ['depression'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  interests?: string[];

  @ApiPropertyOptional({ type: [String], example: ['es'] })
  @IsOptional()
  @IsArray()
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code such as es' })
  languages?: string[];

  @ApiPropertyOptional({ type: [String], example: ['consultation'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  formKeys?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['google'],
    description: 'The first touch’s utm_source, or direct.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sources?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(PRIORITIES, { each: true })
  priorities?: Priority[];
}

export class RuleDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Keep a rule’s id across edits; new rules get one.',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    type: RuleConditionsDto,
    description: 'Every condition given must hold; a list matches any of its values.',
  })
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions!: RuleConditionsDto;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  poolId!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RulesRequest {
  @ApiProperty({ type: [RuleDto], description: 'Evaluated in this order; the first match wins.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules!: RuleDto[];
}

export class RulesResponse {
  @ApiProperty({ type: [RuleDto] }) rules!: RuleDto[];
}

export class RescheduleFollowUpRequest {
  @ApiProperty({ example: '2026-12-01T15:00:00Z' }) @IsTimestamp() dueAt!: string;
  @ApiProperty({ enum: RESCHEDULE_REASONS }) @IsIn(RESCHEDULE_REASONS) reason!: RescheduleReason;
}

export class ScheduleFollowUpRequest {
  @ApiProperty({ enum: ['callback', 'consult_reminder'] })
  @IsIn(['callback', 'consult_reminder'])
  kind!: Extract<FollowUpKind, 'callback' | 'consult_reminder'>;

  @ApiProperty({ example: '2026-12-01T15:00:00Z' }) @IsTimestamp() dueAt!: string;
}

export class FollowUpResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind!: FollowUpKind;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) slaDeadline!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overdueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The attempt’s outcome, when completed.',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...RESCHEDULE_REASONS, null] })
  rescheduleReason!: string | null;

  static from(f: FollowUpState): FollowUpResponse {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      id: f.id,
      leadId: f.leadId,
      kind: f.kind,
      status: f.status,
      dueAt: f.dueAt.toISOString(),
      slaDeadline: f.slaDeadline.toISOString(),
      assigneeId: f.assigneeId,
      attempt: f.attempt,
      priority: f.priority,
      overdueAt: iso(f.overdueAt),
      createdAt: f.createdAt.toISOString(),
      closedAt: iso(f.closedAt),
      outcome: f.outcome,
      cancelReason: f.cancelReason,
      rescheduleReason: f.rescheduleReason,
    };
  }
}

export class FollowUpListResponse {
  @ApiProperty({ type: [FollowUpResponse] }) items!: FollowUpResponse[];
}

/** Who a queue's follow-up is for: the lead as the leads API shows it, without contact details. */
export class QueueLeadResponse extends PickType(LeadResponse, [
  'id',
  'firstName',
  'lastName',
  'interest',
  'state',
  'timeZone',
  'crisisFlag',
  'status',
  'version',
] as const) {}

export class QueueItemResponse extends FollowUpResponse {
  @ApiProperty({ description: 'Past its SLA deadline.' }) overdue!: boolean;
  @ApiProperty({
    type: QueueLeadResponse,
    description:
      'Who the follow-up is for: name, interest and state, no contact details. The read is recorded in the access log (`leads.listed`).',
  })
  lead!: QueueLeadResponse;
}

export class QueueResponse {
  @ApiProperty({
    format: 'date-time',
    description: 'The time overdue was judged at (for later pages: the first page’s).',
  })
  now!: string;
  @ApiProperty({ description: 'Open follow-ups in the whole queue, not only this page.' })
  total!: number;
  @ApiProperty({
    type: [QueueItemResponse],
    description: 'Overdue first, then by priority, then by due time.',
  })
  items!: QueueItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;

  static from(q: QueuePage, nextCursor: string | null): QueueResponse {
    return {
      now: q.now.toISOString(),
      total: q.total,
      items: q.items.map((i) => ({
        ...FollowUpResponse.from(i),
        overdue: i.overdue,
        lead: i.lead,
      })),
      nextCursor,
    };
  }
}

export class QueueRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @asInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class SkipResponse {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({
    enum: ['inactive', 'away', 'off_shift', 'at_capacity', 'not_licensed', 'language'],
  })
  reason!: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ enum: ['assigned', 'waiting', 'unassignable'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['rule', 'sticky', 'escalation', null] })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ruleId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ruleName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) poolId!: string | null;
  @ApiProperty({ type: String, nullable: true }) poolName!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...STRATEGIES, null] }) strategy!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName!: string | null;
  @ApiProperty({
    type: [SkipResponse],
    description: 'Who was passed over, in the order considered, and why.',
  })
  skipped!: SkipResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ description: 'The decision in one sentence.' }) summary!: string;
}

export class AssignmentExplanationResponse {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When routing tries again, if the lead waits for an owner.',
  })
  waitingUntil!: string | null;
  @ApiProperty({ type: [DecisionResponse], description: 'Newest first.' })
  decisions!: DecisionResponse[];

  static from(e: AssignmentExplanation): AssignmentExplanationResponse {
    const name = (id: string | null) => (id ? (e.staffNames[id] ?? null) : null);
    return {
      leadId: e.leadId,
      ownerId: e.ownerId,
      waitingUntil: e.waitingUntil?.toISOString() ?? null,
      decisions: e.decisions.map((d) => ({
        id: d.id,
        decidedAt: d.decidedAt.toISOString(),
        outcome: d.outcome,
        reason: d.reason,
        ruleId: d.ruleId,
        ruleName: d.ruleName,
        poolId: d.poolId,
        poolName: d.poolName,
        strategy: d.strategy,
        assigneeId: d.assigneeId,
        assigneeName: name(d.assigneeId),
        skipped: d.skipped.map((s) => ({ ...s, name: name(s.staffId) })),
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        summary: summarize(d, name),
      })),
    };
  }
}

const SKIP_WORDS: Record<string, string> = {
  inactive: 'inactive',
  away: 'away',
  off_shift: 'off shift',
  at_capacity: 'at capacity',
  not_licensed: 'not licensed for the state',
  language: 'does not speak the language',
};

function summarize(
  d: AssignmentExplanation['decisions'][number],
  name: (id: string | null) => string | null,
): string {
  const who = (id: string | null) => name(id) ?? id ?? 'nobody';
  const via = d.ruleName ? `rule “${d.ruleName}”` : 'no rule matched';
  const pool = d.poolName ? `pool “${d.poolName}”` : null;
  const skipped =
    d.skipped.length > 0
      ? ` Skipped: ${d.skipped.map((s) => `${who(s.staffId)} (${SKIP_WORDS[s.reason] ?? s.reason})`).join(', ')}.`
      : '';
  const head =
    d.outcome === 'assigned'
      ? d.reason === 'sticky'
        ? `Went back to ${who(d.assigneeId)}, who had this person before.`
        : d.reason === 'escalation'
          ? `Escalated to ${who(d.assigneeId)}, who was working.`
          : `${via}; ${pool ?? 'the default pool'} chose ${who(d.assigneeId)} by ${d.strategy}.`
      : d.outcome === 'waiting'
        ? `Nobody in ${pool ?? 'any pool'} could take it; waiting until ${d.nextAttemptAt?.toISOString() ?? 'later'}.`
        : `Unassignable: nobody could take it; trying again at ${d.nextAttemptAt?.toISOString() ?? 'later'}.`;
  return head + skipped;
}

/**
 * The `data` of a queue stream's `lead` event: ids, the lead's version and the kind of change,
 * never a name, contact or text. Refetch the queue (and the lead, if it is open) on receipt.
 */
export class LeadChangeEventData {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The lead’s owner after the change; for a follow-up change, its assignee.',
  })
  ownerId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The owner (or assignee) before the change, when the change moved it; else null.',
  })
  previousOwnerId!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The lead’s version after the change (for `If-Match`).',
  })
  version!: number | null;
  @ApiProperty({ enum: LEAD_CHANGE_KINDS })
  kind!: LeadChangeKind;
}
