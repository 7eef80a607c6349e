import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '@intake/platform';
import type { FormView } from '../../application/list-forms/list-forms.query';
import { CONSULTATION_FIELDS, ConsultationField } from '../../domain/consultation-request';

/** A form's whole settings: PUT replaces them (or creates the form). */
export class SaveFormRequest {
  @ApiProperty({ example: 'Free consultation', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    type: [String],
    example: ['https://clinic.example'],
    description:
      "Origins whose browsers may post (CORS); `*` for any. A site's own server sends no Origin and is always allowed.",
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  allowedOrigins!: string[];

  @ApiProperty({
    example: 'https://clinic.example/thank-you',
    description: 'Where a browser form post is redirected (303).',
  })
  @IsString()
  @MaxLength(2048)
  thankYouUrl!: string;

  @ApiProperty({
    example: 'website',
    description: 'A hidden field people leave empty; bots fill it.',
  })
  @IsString()
  honeypotField!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { fname: 'firstName', tel: 'phone' },
    description: "The website's field name → Intake's field name.",
  })
  @IsObject()
  fieldAliases!: Record<string, string>;

  @ApiProperty({ type: [String], enum: Object.keys(CONSULTATION_FIELDS), example: ['phone'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  requiredFields!: ConsultationField[];

  @ApiProperty({
    minimum: 0,
    maximum: 3600,
    example: 3,
    description: 'Faster than this is treated as a bot.',
  })
  @IsInt()
  @Min(0)
  @Max(3600)
  minFillSeconds!: number;
}

export class FormResponse extends SaveFormRequest {
  @ApiProperty({ example: 'consultation' }) key!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(view: FormView): FormResponse {
    const s = view.settings;
    return {
      key: s.key,
      name: s.name,
      allowedOrigins: [...s.allowedOrigins],
      thankYouUrl: s.thankYouUrl,
      honeypotField: s.honeypotField,
      fieldAliases: { ...s.fieldAliases },
      requiredFields: [...s.requiredFields],
      minFillSeconds: s.minFillSeconds,
      updatedAt: view.updatedAt.toISOString(),
    };
  }
}

export class FormListResponse {
  @ApiProperty({ type: [FormResponse] }) items!: FormResponse[];
}
