import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_KINDS } from '../../domain/consent';
import { ContactReceipt, QUIET_HOURS_RULES } from '../../domain/contact-attempt';
import { quietHoursWarning } from '../../domain/contact-rules';

/** What a contact attempt relied on, kept on its row. */
export class ContactReceiptResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The consent record relied on (GET /v1/leads/{id}/consents): for a text the SMS consent, else consent to contact; null when none was recorded.',
  })
  consentRecordId!: string | null;
  @ApiProperty({ enum: CONSENT_KINDS }) consentKind!: string;
  @ApiProperty({ type: Number, nullable: true, description: "The form wording's version." })
  wordingVersion!: number | null;
  @ApiProperty({
    example: '2026-12-05T20:45:00-08:00',
    description: "The person's local time, with its offset.",
  })
  localTime!: string;
  @ApiProperty({ example: 'America/Los_Angeles' }) timeZone!: string;
  @ApiProperty({
    enum: ['state', 'clinic'],
    description: "`clinic`: the person's state is unknown, so the clinic's zone was used.",
  })
  timeZoneFrom!: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Outside 8:00–21:00 local time; null for email, which the window does not cover.',
  })
  quietHours!: boolean | null;
  @ApiProperty({ enum: QUIET_HOURS_RULES }) quietHoursRule!: string;

  static from(r: ContactReceipt | null): ContactReceiptResponse | null {
    return r === null ? null : { ...r };
  }
}

export class ContactWarningResponse {
  @ApiProperty({ example: 'CONTACT.QUIET_HOURS' }) code!: string;
  @ApiProperty() message!: string;

  /** A call or text in quiet hours that the clinic allows with a warning. */
  static of(receipt: ContactReceipt | null): ContactWarningResponse[] {
    const message = quietHoursWarning(receipt);
    return message === null ? [] : [{ code: 'CONTACT.QUIET_HOURS', message }];
  }
}
