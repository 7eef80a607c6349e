import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { RetentionPolicy } from '../../domain/retention-policy';

/** The clinic's retention periods; the defaults apply until an admin sets them. */
export class RetentionSettingsDto implements RetentionPolicy {
  @ApiProperty({
    minimum: 1,
    maximum: 3650,
    example: 30,
    description:
      'Rejected (spam) submissions are deleted this many days after they arrived. Default 30.',
  })
  @IsInt()
  @Min(1)
  @Max(3650)
  spamDays!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 3650,
    example: 90,
    description:
      "A closed lead's submissions (converted, disqualified, unresponsive, lost) lose their raw fields this many days after the lead's last change. Default 90.",
  })
  @IsInt()
  @Min(1)
  @Max(3650)
  rawFieldsDaysAfterClose!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100,
    example: 7,
    description:
      'Closed leads are de-identified (as an erasure does, `lead.erased` with cause retention) this many years after their last change; null: never. Default 7.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(100)
  closedLeadYears!: number | null;

  @ApiProperty({
    minimum: 1,
    maximum: 100,
    example: 6,
    description:
      'Access log and admin audit rows are removed this many years after they were written. Default 6 (HIPAA keeps documentation six years).',
  })
  @IsInt()
  @Min(1)
  @Max(100)
  auditYears!: number;

  static from(p: RetentionPolicy): RetentionSettingsDto {
    return {
      spamDays: p.spamDays,
      rawFieldsDaysAfterClose: p.rawFieldsDaysAfterClose,
      closedLeadYears: p.closedLeadYears,
      auditYears: p.auditYears,
    };
  }
}
