import { ApiProperty, OmitType } from '@nestjs/swagger';
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
  IsOptional,
  ValidateNested,
  IsBoolean,
  IsIn,
} from 'class-validator';
import { Type } from 'class-transformer';
import { Trim } from '@intake/platform';
import type { FormView } from '../../application/list-forms/list-forms.query';
import { CONSULTATION_FIELDS, ConsultationField } from '../../domain/consultation-request';
import {
  CAPTCHA_PROVIDERS,
  CaptchaProvider,
  DEFAULT_SUBMISSION_LIMITS,
  LIMIT_BOUNDS,
} from '../../domain/form';

/** A captcha as shown: everything but the secret. */
export class CaptchaView {
  @ApiProperty({ enum: CAPTCHA_PROVIDERS, example: 'turnstile' })
  @IsIn(CAPTCHA_PROVIDERS)
  provider!: CaptchaProvider;

  @ApiProperty({
    example: '0x4AAAAAAAxxxxxxxxxxxxxx',
    description: "The widget's public site key.",
  })
  @IsString()
  siteKey!: string;

  @ApiProperty({
    enum: ['open', 'closed'],
    description:
      'When the provider cannot be reached or answers with an error of its own: `open` accepts the request (the other checks still apply), `closed` answers 503 `CAPTCHA.UNAVAILABLE` so the person can try again, and stores nothing.',
  })
  @IsIn(['open', 'closed'])
  failMode!: 'open' | 'closed';
}

export class CaptchaRequest extends CaptchaView {
  @ApiProperty({
    required: false,
    writeOnly: true,
    description:
      "The provider's secret for the site key. Never shown back. Leave it out to keep the saved one (same provider).",
  })
  @IsOptional()
  @IsString()
  secret?: string;
}

export class RateLimitDto {
  @ApiProperty({ minimum: LIMIT_BOUNDS.limit[0], maximum: LIMIT_BOUNDS.limit[1], example: 20 })
  @IsInt()
  @Min(LIMIT_BOUNDS.limit[0])
  @Max(LIMIT_BOUNDS.limit[1])
  limit!: number;

  @ApiProperty({
    minimum: LIMIT_BOUNDS.windowSeconds[0],
    maximum: LIMIT_BOUNDS.windowSeconds[1],
    example: 600,
  })
  @IsInt()
  @Min(LIMIT_BOUNDS.windowSeconds[0])
  @Max(LIMIT_BOUNDS.windowSeconds[1])
  windowSeconds!: number;
}

export class SubmissionLimitsDto {
  @ApiProperty({
    type: RateLimitDto,
    description: 'From one source address (its keyed hash; behind a proxy, see TRUST_PROXY).',
    example: DEFAULT_SUBMISSION_LIMITS.perSource,
  })
  @ValidateNested()
  @Type(() => RateLimitDto)
  perSource!: RateLimitDto;

  @ApiProperty({
    type: RateLimitDto,
    description: 'To this form from everyone.',
    example: DEFAULT_SUBMISSION_LIMITS.perForm,
  })
  @ValidateNested()
  @Type(() => RateLimitDto)
  perForm!: RateLimitDto;

  @ApiProperty({
    type: RateLimitDto,
    description:
      'For one email or one phone number. Over it, the answer looks like any other and nothing is stored.',
    example: DEFAULT_SUBMISSION_LIMITS.perContact,
  })
  @ValidateNested()
  @Type(() => RateLimitDto)
  perContact!: RateLimitDto;
}

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

  @ApiProperty({
    type: SubmissionLimitsDto,
    required: false,
    description:
      'Submission limits; over the source or form limit the answer is 429 with Retry-After. Omitted: the defaults.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubmissionLimitsDto)
  limits?: SubmissionLimitsDto;

  @ApiProperty({
    required: false,
    default: false,
    description:
      'Treat a request without a valid start token (`GET /v1/forms/{key}/start-token`) as spam: a success-looking answer and no lead. Turn on once the page sends one.',
  })
  @IsOptional()
  @IsBoolean()
  requireStartToken?: boolean;

  @ApiProperty({
    type: CaptchaRequest,
    required: false,
    nullable: true,
    description:
      'A Turnstile or hCaptcha widget on the page, checked before anything is stored; null or left out: none.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaptchaRequest)
  captcha?: CaptchaRequest | null;
}

export class FormResponse extends OmitType(SaveFormRequest, ['captcha'] as const) {
  @ApiProperty({ type: CaptchaView, nullable: true }) captcha!: CaptchaView | null;
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
      limits: structuredClone(s.limits),
      requireStartToken: s.requireStartToken,
      captcha: s.captcha && {
        provider: s.captcha.provider,
        siteKey: s.captcha.siteKey,
        failMode: s.captcha.failMode,
      },
      updatedAt: view.updatedAt.toISOString(),
    };
  }
}

export class FormListResponse {
  @ApiProperty({ type: [FormResponse] }) items!: FormResponse[];
}
