import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AttemptView,
  HistoryView,
  LeadDetail,
  NoteItemView,
} from '../../application/get-lead/get-lead.query';
import type { LeadView, StaffRef } from '../../application/present-lead/lead-views';
import { MATCHING_CHANNELS } from '../../domain/duplicate-matching';
import type { Touch } from '../../domain/inquiry';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from '../../domain/contact-attempt';
import {
  allowedNextStatuses,
  DISQUALIFICATION_REASONS,
  isLeadStatus,
  LEAD_PRIORITIES,
  LEAD_STATUSES,
} from '../../domain/lead-status';
import { leadTimeZone } from '../../domain/state-time-zones';
import { ContactReceiptResponse, ContactWarningResponse } from './contact-receipt.dto';
import { iso } from './iso-time';

export class StaffRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class TouchResponse {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty() formKey!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) utmSource!: string | null;
  @ApiProperty({ type: String, nullable: true }) utmMedium!: string | null;
  @ApiProperty({ type: String, nullable: true }) utmCampaign!: string | null;
  @ApiProperty({ type: String, nullable: true }) utmTerm!: string | null;
  @ApiProperty({ type: String, nullable: true }) utmContent!: string | null;
  @ApiProperty({ type: String, nullable: true }) gclid!: string | null;
  @ApiProperty({ type: String, nullable: true }) landingPage!: string | null;
  @ApiProperty({ type: String, nullable: true }) referrer!: string | null;

  static from(t: Touch): TouchResponse {
    return {
      submissionId: t.submissionId,
      formKey: t.formKey,
      at: iso(t.at)!,
      utmSource: t.utmSource,
      utmMedium: t.utmMedium,
      utmCampaign: t.utmCampaign,
      utmTerm: t.utmTerm,
      utmContent: t.utmContent,
      gclid: t.gclid,
      landingPage: t.landingPage,
      referrer: t.referrer,
    };
  }
}

export class LeadResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: string;
  @ApiProperty({ enum: [...DISQUALIFICATION_REASONS, null], nullable: true }) statusReason!:
    string | null;
  @ApiProperty({
    enum: LEAD_STATUSES,
    isArray: true,
    description:
      'The states `POST …/transitions` accepts from this one (the pipeline table), so a client offers only those.',
  })
  allowedTransitions!: string[];
  @ApiProperty({ enum: LEAD_PRIORITIES }) priority!: string;
  @ApiProperty({ description: 'Crisis language in one of their messages: call first.' })
  crisisFlag!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Null once the lead is erased.' })
  firstName!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Masked (a***@example.com) for viewers.',
  })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164; masked for viewers.' }) phone!:
    string | null;
  @ApiProperty({ description: 'True when email and phone are masked for this caller.' })
  contactMasked!: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['phone', 'sms', 'email', null] })
  preferredContact!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Free text as typed; `***` for roles that see contact details masked.',
  })
  bestTimeToContact!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CA', description: 'USPS state code.' })
  state!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'America/Los_Angeles',
    description:
      'IANA zone of their state (its most populous zone), for their local time; null when the state is unknown.',
  })
  timeZone!: string | null;
  @ApiProperty({ type: String, nullable: true }) interest!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Free text as typed; `***` for roles that see contact details masked.',
  })
  howDidYouHear!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 639-1' }) language!: string | null;
  @ApiProperty() contactConsent!: boolean;
  @ApiProperty() smsConsent!: boolean;
  @ApiProperty() formKey!: string;
  @ApiProperty({ description: "The first touch's utm_source, or direct." }) source!: string;
  @ApiProperty({ type: TouchResponse }) firstTouch!: TouchResponse;
  @ApiProperty({ type: TouchResponse }) latestTouch!: TouchResponse;
  @ApiProperty({ type: StaffRefResponse, nullable: true }) owner!: StaffRef | null;
  @ApiProperty() submissionCount!: number;
  @ApiProperty() contactAttemptCount!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Speed to lead: the first attempt.',
  })
  firstContactAttemptAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first time they were reached.',
  })
  firstReachedAt!: string | null;
  @ApiProperty({ description: 'Also the ETag; send it back as If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSubmittedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the lead was erased (an erasure, or the retention period for closed leads): its personal data is gone and it can no longer be changed (409 `LEAD.ERASED`).',
  })
  erasedAt!: string | null;
  @ApiProperty({
    description:
      'The person asked not to be contacted again (an erasure with doNotContact matched their email or phone): contact attempts are refused (409 `LEAD.DO_NOT_CONTACT`).',
  })
  doNotContact!: boolean;

  /** Field by field: a column added to the read side does not leave the service by itself. */
  static from(v: LeadView): LeadResponse {
    return {
      id: v.id,
      status: v.status,
      statusReason: v.statusReason,
      allowedTransitions: isLeadStatus(v.status) ? [...allowedNextStatuses(v.status)] : [],
      priority: v.priority,
      crisisFlag: v.crisisFlag,
      firstName: v.erasedAt ? null : v.firstName,
      lastName: v.lastName,
      email: v.email,
      phone: v.phone,
      contactMasked: v.masked,
      preferredContact: v.preferredContact,
      bestTimeToContact: v.bestTimeToContact,
      state: v.state,
      timeZone: leadTimeZone(v.state),
      interest: v.interest,
      howDidYouHear: v.howDidYouHear,
      language: v.language,
      contactConsent: v.contactConsent,
      smsConsent: v.smsConsent,
      formKey: v.formKey,
      source: v.source,
      firstTouch: TouchResponse.from(v.firstTouch),
      latestTouch: TouchResponse.from(v.latestTouch),
      owner: v.owner,
      submissionCount: v.submissionCount,
      contactAttemptCount: v.contactAttemptCount,
      firstContactAttemptAt: iso(v.firstContactAttemptAt),
      firstReachedAt: iso(v.firstReachedAt),
      version: v.version,
      createdAt: iso(v.createdAt)!,
      updatedAt: iso(v.updatedAt)!,
      lastSubmittedAt: iso(v.lastSubmittedAt)!,
      erasedAt: iso(v.erasedAt),
      doNotContact: v.doNotContact,
    };
  }
}

export class LeadPageResponse {
  @ApiProperty({ type: [LeadResponse] }) items!: LeadResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

export class ContactAttemptResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() attemptNumber!: number;
  @ApiProperty({ enum: CONTACT_CHANNELS }) channel!: string;
  @ApiProperty({ enum: CONTACT_OUTCOMES }) outcome!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Absent for roles that may not read notes.',
  })
  note?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) callbackAt!: string | null;
  @ApiProperty({ type: StaffRefResponse, nullable: true }) actor!: StaffRef | null;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: ContactReceiptResponse, nullable: true })
  receipt!: ContactReceiptResponse | null;

  static from(a: AttemptView): ContactAttemptResponse {
    return {
      id: a.id,
      attemptNumber: a.attemptNumber,
      channel: a.channel,
      outcome: a.outcome,
      ...(a.note !== undefined ? { note: a.note } : {}),
      callbackAt: iso(a.callbackAt),
      actor: a.actor,
      attemptedAt: iso(a.attemptedAt)!,
      receipt: ContactReceiptResponse.from(a.receipt),
    };
  }
}

export class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: StaffRefResponse, nullable: true }) author!: StaffRef | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(n: NoteItemView): NoteResponse {
    return { id: n.id, body: n.body, author: n.author, createdAt: iso(n.createdAt)! };
  }
}

export class NoteListResponse {
  @ApiProperty({ type: [NoteResponse] }) items!: NoteResponse[];
}

export class HistoryEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: [
      'submitted',
      'resubmitted',
      'status_changed',
      'contact_attempted',
      'assigned',
      'priority_changed',
      'unassignable',
      'note_added',
      'contact_confirmed',
      'contact_dismissed',
      'crisis_acknowledged',
      'crisis_first_contact',
      'consent_recorded',
    ],
  })
  action!: string;
  @ApiProperty({
    type: StaffRefResponse,
    nullable: true,
    description: 'Null: the website (a submission).',
  })
  actor!: StaffRef | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description:
      'Field → {from, to}. Email and phone changes show as "[personal]", never the value.',
  })
  changes!: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the change.' })
  requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;

  static from(h: HistoryView): HistoryEntryResponse {
    return {
      id: h.id,
      action: h.action,
      actor: h.actor,
      changes: h.changes,
      requestId: h.requestId,
      occurredAt: iso(h.occurredAt)!,
    };
  }
}

export class SubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() formKey!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'As received (canonical names). Absent for viewers; null once removed (erasure, or retention after the lead closed).',
  })
  fields?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Fields the form does not know. Absent for viewers; null once removed.',
  })
  unknownFields?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Attribution as received. Absent for viewers.',
  })
  attribution?: Record<string, unknown>;
}

export class ContactToConfirmResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MATCHING_CHANNELS }) channel!: string;
  @ApiProperty({ description: 'Masked for roles that see contact details masked.' })
  value!: string;
  @ApiProperty({ format: 'uuid', description: 'The submission that brought it.' })
  submissionId!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;

  static from(row: LeadDetail['contactsToConfirm'][number]): ContactToConfirmResponse {
    return { ...row, receivedAt: iso(row.receivedAt)! };
  }
}

export class LeadDetailResponse extends LeadResponse {
  @ApiProperty({ type: [SubmissionResponse] }) submissions!: SubmissionResponse[];
  @ApiProperty({
    type: [ContactToConfirmResponse],
    description:
      "An email or phone a later request brought that the lead does not have. The request needed no credentials, so it is not the lead's until someone confirms it (`POST …/contacts-to-confirm/{id}/confirm`) or dismisses it.",
  })
  contactsToConfirm!: ContactToConfirmResponse[];
  @ApiProperty({ type: [ContactAttemptResponse] }) contactAttempts!: ContactAttemptResponse[];
  @ApiPropertyOptional({
    type: [NoteResponse],
    description: 'Absent for roles that may not read notes.',
  })
  notes?: NoteResponse[];
  @ApiProperty({
    type: [HistoryEntryResponse],
    description: 'Every change, oldest first; append-only.',
  })
  history!: HistoryEntryResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'The name of each staff member an owner change in `history` names (`changes.ownerId`), by id.',
    example: { '0190f2b0-5d6e-7f80-a003-0a1b2c3d4e10': 'Cora Coordinator' },
  })
  staffNames!: Record<string, string>;

  static fromDetail(d: LeadDetail): LeadDetailResponse {
    return {
      ...LeadResponse.from(d.lead),
      submissions: d.submissions.map((s) => ({
        id: s.id,
        formKey: s.formKey,
        receivedAt: iso(s.receivedAt)!,
        ...('fields' in s
          ? { fields: s.fields ?? null, unknownFields: s.unknownFields ?? null }
          : {}),
        ...(s.attribution ? { attribution: s.attribution } : {}),
      })),
      contactsToConfirm: d.contactsToConfirm.map(ContactToConfirmResponse.from),
      contactAttempts: d.contactAttempts.map(ContactAttemptResponse.from),
      ...(d.notes ? { notes: d.notes.map(NoteResponse.from) } : {}),
      history: d.history.map(HistoryEntryResponse.from),
      staffNames: d.staffNames,
    };
  }
}

export class ContactAttemptRecordedResponse {
  @ApiProperty({ type: ContactAttemptResponse }) attempt!: ContactAttemptResponse;
  @ApiProperty({
    type: [ContactWarningResponse],
    description: 'Recorded, but against a rule the clinic warns about (quiet hours).',
  })
  warnings!: ContactWarningResponse[];
  @ApiProperty({ type: LeadResponse }) lead!: LeadResponse;
}
