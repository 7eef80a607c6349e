import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsTimestamp } from '@intake/platform';
import { WeeklyHours } from '../../domain/business-time';
import { AWAY_REASONS, AwayPeriod, AwayReason, StaffSchedule } from '../../domain/staff-schedule';
import { HOURS_DOC, HOURS_EXAMPLE, LANGUAGE, STATE_CODES } from './scheduling-fields';

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
