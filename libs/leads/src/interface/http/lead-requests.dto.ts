import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { asInt, IsTimestamp, TimeWindowPageQuery, Trim } from '@intake/platform';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from '../../domain/contact-attempt';
import type { ContactAttemptChannel, ContactOutcome } from '../../domain/contact-attempt';
import { DISQUALIFICATION_REASONS, LEAD_PRIORITIES, LEAD_STATUSES } from '../../domain/lead-status';
import type { DisqualificationReason, LeadPriority, LeadStatus } from '../../domain/lead-status';

export class TransitionRequest {
  @ApiProperty({ enum: LEAD_STATUSES, description: 'The status to move to.' })
  @IsIn(LEAD_STATUSES)
  to!: LeadStatus;

  @ApiPropertyOptional({
    enum: DISQUALIFICATION_REASONS,
    nullable: true,
    description: 'Required when, and only when, `to` is `disqualified`.',
  })
  @IsOptional()
  @IsIn(DISQUALIFICATION_REASONS)
  reason?: DisqualificationReason | null;
}

export class ContactAttemptRequest {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactAttemptChannel;

  @ApiProperty({
    enum: CONTACT_OUTCOMES,
    description:
      'phone: reached, left_voicemail, no_answer, wrong_number; sms: reached, no_answer, wrong_number, bounced; email: reached, no_answer, bounced.',
  })
  @IsIn(CONTACT_OUTCOMES)
  outcome!: ContactOutcome;

  @ApiPropertyOptional({
    type: String,
    maxLength: 5000,
    nullable: true,
    description: 'Personal data: never in events or logs.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  note?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the person asked to be called back.',
  })
  @IsOptional()
  @IsTimestamp()
  callbackAt?: string | null;
}

export class AssignOwnerRequest {
  @ApiProperty({ format: 'uuid', description: 'An active coordinator or admin.' })
  @IsUUID()
  staffId!: string;
}

export class ChangePriorityRequest {
  @ApiProperty({ enum: LEAD_PRIORITIES })
  @IsIn(LEAD_PRIORITIES)
  priority!: LeadPriority;

  @ApiPropertyOptional({ description: 'Set or clear the crisis flag; absent keeps it.' })
  @IsOptional()
  @IsBoolean()
  crisisFlag?: boolean;
}

export class AddNoteRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: 10000,
    description: 'Personal data: never in events or logs.',
  })
  @Trim()
  @IsString()
  @Length(1, 10000)
  body!: string;
}

const csv = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  );
const bool = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export const LEAD_SORTS = ['-created', 'created', 'priority'] as const;

export class ListLeadsRequest {
  @ApiPropertyOptional({
    description: 'One or more statuses, comma-separated.',
    example: 'new,attempting_contact',
  })
  @IsOptional()
  @csv()
  @IsIn(LEAD_STATUSES, { each: true })
  status?: LeadStatus[];

  @ApiPropertyOptional({ description: 'A staff id, or `me`.' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'ownerId must be a staff id or me',
  })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Only leads nobody owns.' })
  @IsOptional()
  @bool()
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'One or more priorities, comma-separated.' })
  @IsOptional()
  @csv()
  @IsIn(LEAD_PRIORITIES, { each: true })
  priority?: LeadPriority[];

  @ApiPropertyOptional()
  @IsOptional()
  @bool()
  @IsBoolean()
  crisisFlag?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  formKey?: string;

  @ApiPropertyOptional({ description: "The first touch's utm_source (lower-case), or `direct`." })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(100)
  source?: string;

  @ApiPropertyOptional({ description: 'US state, two letters.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'state must be two letters' })
  state?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  interest?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after.' })
  @IsOptional()
  @IsTimestamp()
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before.' })
  @IsOptional()
  @IsTimestamp()
  createdTo?: string;

  @ApiPropertyOptional({
    description:
      'Search: an email (exact, any case), a phone number (any formatting; matched as E.164), or a name: each word of it matches a word of the name whole, or its beginning from three letters (accents and case ignored; names are stored encrypted, so not a piece inside a word).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 200)
  q?: string;

  @ApiPropertyOptional({
    enum: LEAD_SORTS,
    default: '-created',
    description:
      '`-created` newest first; `created` oldest first; `priority` the queue: urgent first, then oldest.',
  })
  @IsOptional()
  @IsIn(LEAD_SORTS)
  sort?: (typeof LEAD_SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @asInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class ListAccessLogRequest extends TimeWindowPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who read.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;
}
