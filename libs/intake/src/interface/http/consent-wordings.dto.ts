import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CONSENT_KINDS } from '@intake/kernel';
import { Trim } from '@intake/platform';
import type { ConsentWording } from '../../domain/form-consent';

export class PublishConsentWordingRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: 5000,
    example:
      'I agree that the clinic may text me about my consultation request. Reply STOP to end.',
    description: 'The exact text beside the checkbox on the website.',
  })
  @Trim()
  @IsString()
  @Length(1, 5000)
  text!: string;
}

export class ConsentWordingResponse {
  @ApiProperty({ enum: CONSENT_KINDS }) kind!: string;
  @ApiProperty({ minimum: 1, description: 'Grants made while this version was current record it.' })
  version!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;

  static from(w: ConsentWording): ConsentWordingResponse {
    return {
      kind: w.kind,
      version: w.version,
      text: w.text,
      createdAt: w.createdAt.toISOString(),
      createdBy: w.createdBy,
    };
  }
}

export class ConsentWordingListResponse {
  @ApiProperty({ type: [ConsentWordingResponse] }) items!: ConsentWordingResponse[];
}
