import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import type {
  ConsentRecordView,
  LeadConsents,
} from '../../application/list-consents/list-consents.query';
import type { StaffRef } from '../../application/present-lead/lead-views';
import {
  CONSENT_ACTIONS,
  CONSENT_KINDS,
  CONSENT_SOURCES,
  STAFF_CONSENT_SOURCES,
} from '../../domain/consent';
import type { ConsentAction, ConsentKind, StaffConsentSource } from '../../domain/consent';
import { QUIET_HOURS_RULES } from '../../domain/contact-attempt';
import type { QuietHoursRule } from '../../domain/contact-attempt';
import { StaffRefResponse } from './lead-responses.dto';

export class RecordConsentRequest {
  @ApiProperty({
    enum: CONSENT_KINDS,
    description:
      '`contact`: to be contacted at all about the request (a withdrawal stops calls, texts and emails); `sms`: texts; `email_marketing`: marketing email.',
  })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiProperty({ enum: CONSENT_ACTIONS })
  @IsIn(CONSENT_ACTIONS)
  action!: ConsentAction;

  @ApiProperty({
    enum: STAFF_CONSENT_SOURCES,
    description:
      'How the person said it: on the phone ("don\'t call me"), a reply to a text (STOP), an email, in person.',
  })
  @IsString()
  @IsIn(STAFF_CONSENT_SOURCES)
  source!: StaffConsentSource;
}

export class ConsentRecordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSENT_KINDS }) kind!: string;
  @ApiProperty({ enum: CONSENT_ACTIONS }) action!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The version of the form's consent wording the person was shown.",
  })
  wordingVersion!: number | null;
  @ApiProperty({ enum: CONSENT_SOURCES }) source!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The origin of the page the form was on.',
  })
  pageOrigin!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "That page's path, without its query or fragment.",
  })
  pagePath!: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) submissionId!: string | null;
  @ApiProperty({
    type: StaffRefResponse,
    nullable: true,
    description: 'Who recorded it; null when the person did, on the form.',
  })
  recordedBy!: StaffRef | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;

  static from(r: ConsentRecordView): ConsentRecordResponse {
    return {
      id: r.id,
      kind: r.kind,
      action: r.action,
      wordingVersion: r.wordingVersion,
      source: r.source,
      pageOrigin: r.pageOrigin,
      pagePath: r.pagePath,
      submissionId: r.submissionId,
      recordedBy: r.recorder,
      recordedAt: r.recordedAt.toISOString(),
    };
  }
}

export class CurrentConsentResponse {
  @ApiProperty({ type: ConsentRecordResponse, nullable: true })
  contact!: ConsentRecordResponse | null;
  @ApiProperty({ type: ConsentRecordResponse, nullable: true }) sms!: ConsentRecordResponse | null;
  @ApiProperty({ type: ConsentRecordResponse, nullable: true })
  email_marketing!: ConsentRecordResponse | null;
}

export class LeadConsentsResponse {
  @ApiProperty({
    type: CurrentConsentResponse,
    description: 'The latest record of each kind (null: never recorded); its action is the state.',
  })
  current!: CurrentConsentResponse;
  @ApiProperty({ type: [ConsentRecordResponse], description: 'The ledger, newest first.' })
  records!: ConsentRecordResponse[];

  static from(c: LeadConsents): LeadConsentsResponse {
    const one = (r: ConsentRecordView | null) => (r ? ConsentRecordResponse.from(r) : null);
    return {
      current: {
        contact: one(c.current.contact),
        sms: one(c.current.sms),
        email_marketing: one(c.current.email_marketing),
      },
      records: c.records.map(ConsentRecordResponse.from),
    };
  }
}

export class ContactRulesDto {
  @ApiProperty({
    enum: QUIET_HOURS_RULES,
    description:
      "Calls and texts outside 8:00–21:00 the person's time: recorded with a warning, or refused.",
  })
  @IsIn(QUIET_HOURS_RULES)
  quietHours!: QuietHoursRule;

  @ApiProperty({
    example: 'America/New_York',
    description: 'The zone used for a person whose state is unknown (IANA name).',
  })
  @IsString()
  clinicTimeZone!: string;
}
