import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CONSULTATION_FIELDS as MAX,
  CONTACT_METHODS,
  INTERESTS,
} from '../../domain/consultation-request';

const FLAG = [{ type: 'boolean' }, { type: 'string' }];

/**
 * The submission body as OpenAPI documents it, for all three encodings. Documentation only: the
 * body is read by `readSubmissionBody` and checked by the domain, which is why the lengths and
 * lists come from there.
 */
@ApiSchema({
  name: 'SubmissionFields',
  description:
    "Field names are matched case-insensitively, ignoring `_` and `-` (first_name = firstName), plus the form's own aliases. The form's honeypot field (default `website`) must stay empty. Unknown fields are kept on the raw submission only.",
})
export class SubmissionFields {
  @ApiProperty({
    maxLength: MAX.firstName,
    description: 'Required. Trimmed, inner spaces collapsed.',
  })
  firstName!: string;

  @ApiPropertyOptional({ maxLength: MAX.lastName })
  lastName?: string;

  @ApiPropertyOptional({
    maxLength: MAX.email,
    description: 'Lower-cased and syntax-checked. Email or phone is required.',
  })
  email?: string;

  @ApiPropertyOptional({
    maxLength: MAX.phone,
    description:
      'Any common formatting; stored as E.164 (default region US). Email or phone is required.',
  })
  phone?: string;

  @ApiPropertyOptional({
    enum: [...CONTACT_METHODS],
    description: 'phone/sms need a phone, email needs an email.',
  })
  preferredContact?: string;

  @ApiPropertyOptional({ maxLength: MAX.bestTimeToContact })
  bestTimeToContact?: string;

  @ApiPropertyOptional({
    description: 'US state code (or full name), upper-cased and checked against the list.',
  })
  state?: string;

  @ApiPropertyOptional({ maxLength: MAX.message })
  message?: string;

  @ApiPropertyOptional({
    enum: [...INTERESTS],
    description: 'Case-insensitive; spaces and hyphens read as underscores.',
  })
  interest?: string;

  @ApiPropertyOptional({ maxLength: MAX.howDidYouHear })
  howDidYouHear?: string;

  @ApiPropertyOptional({
    maxLength: MAX.language,
    description: 'Language to be contacted in: an ISO 639-1 code (es, es-MX) or a name (Spanish).',
  })
  language?: string;

  @ApiProperty({ oneOf: FLAG, description: 'Must be true (true/on/yes/1).' })
  contactConsent!: boolean | string;

  @ApiPropertyOptional({ oneOf: FLAG })
  smsConsent?: boolean | string;

  @ApiPropertyOptional({ oneOf: FLAG, description: 'The person agrees to marketing email.' })
  emailMarketingConsent?: boolean | string;

  @ApiPropertyOptional({ maxLength: MAX.utm_source })
  utm_source?: string;

  @ApiPropertyOptional({ maxLength: MAX.utm_medium })
  utm_medium?: string;

  @ApiPropertyOptional({ maxLength: MAX.utm_campaign })
  utm_campaign?: string;

  @ApiPropertyOptional({ maxLength: MAX.utm_term })
  utm_term?: string;

  @ApiPropertyOptional({ maxLength: MAX.utm_content })
  utm_content?: string;

  @ApiPropertyOptional({ maxLength: MAX.gclid })
  gclid?: string;

  @ApiPropertyOptional({ maxLength: MAX.landingPage })
  landingPage?: string;

  @ApiPropertyOptional({ maxLength: MAX.referrer })
  referrer?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    description:
      "When the visitor opened the form (epoch ms or ISO 8601), as the page says; used only without a `startToken`. Filled faster than the form's minimum (default 3 s) → treated as spam.",
  })
  formStartedAt?: number | string;

  @ApiPropertyOptional({
    description:
      'From `GET /v1/forms/{formKey}/start-token` when the page loaded: the fill time counts from it. Forged or for another form → spam; missing or expired → spam where the form requires one.',
  })
  startToken?: string;

  @ApiPropertyOptional({
    name: 'cf-turnstile-response',
    description: "The Turnstile widget's response, where the form has a Turnstile captcha.",
  })
  'cf-turnstile-response'?: string;

  @ApiPropertyOptional({
    name: 'h-captcha-response',
    description: "The hCaptcha widget's response, where the form has an hCaptcha captcha.",
  })
  'h-captcha-response'?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Idempotency key for plain HTML forms (a hidden field); same effect as the Idempotency-Key header.',
  })
  submissionToken?: string;
}
