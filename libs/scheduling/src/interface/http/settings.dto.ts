import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { WeeklyHours } from '../../domain/business-time';
import { CadenceStep, SchedulingSettings, SlaPolicy } from '../../domain/scheduling-settings';
import { HOURS_DOC, HOURS_EXAMPLE } from './scheduling-fields';

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
