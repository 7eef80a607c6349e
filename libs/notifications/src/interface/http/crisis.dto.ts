import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CrisisPageState } from '../../domain/crisis/crisis-page';
import {
  CoverageGap,
  MAX_ESCALATION,
  MAX_SHIFTS,
  WEEKDAYS,
  Weekday,
} from '../../domain/crisis/on-call-rotation';
import type { OnCallView } from '../../application/get-on-call/on-call-view';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END = /^(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export class OnCallShiftDto {
  @ApiProperty({ format: 'uuid', description: 'An active admin or coordinator.' })
  @IsUUID()
  staffId!: string;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['fri'] })
  @IsArray()
  @IsIn(WEEKDAYS, { each: true })
  days!: Weekday[];

  @ApiProperty({ example: '18:00', description: 'Start, HH:MM in the rotation’s zone.' })
  @Matches(HH_MM, { message: 'must be a time HH:MM (24-hour)' })
  start!: string;

  @ApiProperty({
    example: '08:00',
    description:
      'End, HH:MM or 24:00; at or before the start it is the next day (an overnight shift).',
  })
  @Matches(END, { message: 'must be a time HH:MM (24-hour), or 24:00' })
  end!: string;
}

export class OnCallSettingsDto {
  @ApiProperty({ example: 'America/New_York', description: 'IANA zone the shifts are in.' })
  @IsString()
  timeZone!: string;

  @ApiProperty({
    minimum: 1,
    maximum: 60,
    example: 5,
    description:
      'With no acknowledgement this many minutes after a page, the next person is paged.',
  })
  @IsInt()
  @Min(1)
  @Max(60)
  ackTimeoutMinutes!: number;

  @ApiProperty({
    type: [OnCallShiftDto],
    description:
      'Who is on call when, week after week, nights and weekends included; where shifts overlap, the first listed is paged.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_SHIFTS)
  @ValidateNested({ each: true })
  @Type(() => OnCallShiftDto)
  shifts!: OnCallShiftDto[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Paged in this order after the person on call, one more each time nobody acknowledges in time, then round again. When nobody is on call, the first of this list is paged first; when the list is empty too, every admin.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ESCALATION)
  @IsUUID('all', { each: true })
  escalation!: string[];
}

export class CoverageGapDto {
  @ApiProperty({ enum: WEEKDAYS })
  day!: Weekday;
  @ApiProperty({ example: '08:00' })
  from!: string;
  @ApiProperty({ example: '18:00', description: '`24:00`: the end of the day.' })
  to!: string;
}

export class OnCallResponse extends OnCallSettingsDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who a crisis now pages first; null: the escalation list (or every admin).',
  })
  onCallNow!: string | null;

  @ApiProperty({
    type: [CoverageGapDto],
    description: 'Times of the week nobody is on call (the escalation list is paged first then).',
  })
  gaps!: CoverageGap[];

  static from(view: OnCallView): OnCallResponse {
    return {
      ...view.settings,
      shifts: view.settings.shifts.map((s) => ({ ...s, days: [...s.days] })),
      escalation: [...view.settings.escalation],
      onCallNow: view.onCallNow,
      gaps: view.gaps,
    };
  }
}

export class CrisisPageResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  leadId!: string;
  @ApiProperty({ enum: ['open', 'acknowledged'] })
  status!: string;
  @ApiProperty({ description: '0 for the first page, one more per escalation.' })
  step!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who the current step paged; null: every admin.',
  })
  pagedStaffId!: string | null;
  @ApiProperty({ format: 'date-time' })
  submittedAt!: string;
  @ApiProperty({ format: 'date-time' })
  openedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the next person is paged if still open.' })
  escalateAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  acknowledgedBy!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds from the request to the acknowledgement, counted 24/7.',
  })
  secondsToAcknowledge!: number | null;

  static from(page: CrisisPageState): CrisisPageResponse {
    return {
      id: page.id,
      leadId: page.leadId,
      status: page.status,
      step: page.step,
      pagedStaffId: page.pagedStaffId,
      submittedAt: page.submittedAt.toISOString(),
      openedAt: page.openedAt.toISOString(),
      escalateAt: page.escalateAt.toISOString(),
      acknowledgedAt: page.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: page.acknowledgedBy,
      secondsToAcknowledge: page.acknowledgedAt
        ? Math.max(
            0,
            Math.round((page.acknowledgedAt.getTime() - page.submittedAt.getTime()) / 1000),
          )
        : null,
    };
  }
}

export class CrisisPageListResponse {
  @ApiProperty({ type: [CrisisPageResponse] })
  items!: CrisisPageResponse[];
}

export class CrisisPagesQuery {
  @ApiProperty({ format: 'uuid', description: 'The lead whose pages to list, newest first.' })
  @IsUUID()
  leadId!: string;
}
