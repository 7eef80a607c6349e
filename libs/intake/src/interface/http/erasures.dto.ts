import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ERASURE_REASONS, ErasureReason, ErasureView } from '@intake/leads';

const REASON_DESCRIPTION =
  'Why, as a code: `person_request` (the person asked), `legal_obligation`, `clinic_policy`. A closed set on purpose: free text could itself hold personal data.';

export class LeadErasureRequest {
  @ApiProperty({ enum: ERASURE_REASONS, description: REASON_DESCRIPTION })
  @IsIn(ERASURE_REASONS)
  reason!: ErasureReason;

  @ApiPropertyOptional({
    description:
      'The person asked not to be contacted again: a keyed hash of their email and phone is kept, and a later request from them makes a lead marked do-not-contact. Default false.',
  })
  @IsOptional()
  @IsBoolean()
  doNotContact?: boolean;
}

export class ContactErasureRequest extends LeadErasureRequest {
  @ApiPropertyOptional({
    description: 'Normalized as submissions are; at least one of email, phone.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: 'Normalized to E.164 as submissions are (US by default).' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class ErasureResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: [String],
    description: 'The leads this erasure de-identified (none when nothing matched).',
  })
  leadIds!: string[];
  @ApiProperty({ enum: ERASURE_REASONS }) reason!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The staff member who asked.',
  })
  requestedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() doNotContact!: boolean;

  static from(e: ErasureView): ErasureResponse {
    return {
      id: e.id,
      leadIds: e.leadIds,
      reason: e.reason,
      requestedBy: e.requestedBy,
      requestedAt: e.requestedAt.toISOString(),
      doNotContact: e.doNotContact,
    };
  }
}
