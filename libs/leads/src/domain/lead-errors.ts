import { DomainError, FieldError } from '@intake/kernel';
import { LeadStatus } from './lead-status';

export class LeadNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'LEAD.NOT_FOUND', `No lead ${id}.`);
  }
}

export class LeadInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'LEAD.INVALID', 'The request is invalid.', fields);
  }
}

export class TransitionNotAllowedError extends DomainError {
  constructor(
    readonly from: LeadStatus,
    readonly to: LeadStatus,
    readonly allowed: readonly LeadStatus[],
  ) {
    const next = allowed.length > 0 ? allowed.join(', ') : 'none, the lead is final';
    super(
      'conflict',
      'LEAD.INVALID_TRANSITION',
      `A lead cannot move from ${from} to ${to}. Allowed next states: ${next}.`,
      [{ field: 'to', message: `allowed next states: ${next}` }],
    );
  }
}

export class LeadClosedError extends DomainError {
  constructor(status: LeadStatus) {
    super(
      'conflict',
      'LEAD.CLOSED',
      `The lead is ${status}; reopen it (transition to attempting_contact) first.`,
    );
  }
}

export class LeadChannelMissingError extends DomainError {
  constructor(channel: string) {
    super('conflict', 'LEAD.NO_CONTACT_CHANNEL', `The lead has no ${channel} to contact.`, [
      { field: 'channel', message: `the lead has no ${channel === 'email' ? 'email' : 'phone'}` },
    ]);
  }
}

export class LeadErasedError extends DomainError {
  constructor(id: string) {
    super(
      'conflict',
      'LEAD.ERASED',
      `Lead ${id} was erased: its personal data is gone and it cannot be changed.`,
    );
  }
}

export class LeadDoNotContactError extends DomainError {
  constructor(id: string) {
    super(
      'conflict',
      'LEAD.DO_NOT_CONTACT',
      `The person behind lead ${id} asked not to be contacted again; no attempt may be recorded.`,
    );
  }
}

export class LeadVersionMismatchError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'precondition_failed',
      'LEAD.VERSION_MISMATCH',
      `The lead changed since it was read (If-Match version ${expected}, current ${actual}). Reload it and retry.`,
    );
  }
}

export class LeadReopenConflictError extends DomainError {
  constructor(openLeadId: string) {
    super(
      'conflict',
      'LEAD.REOPEN_CONFLICT',
      `The person has an open lead already (${openLeadId}); work that one, or close it first.`,
      [{ field: 'to', message: `lead ${openLeadId} is open for the same email or phone` }],
    );
  }
}

export class ContactToConfirmNotFoundError extends DomainError {
  constructor(leadId: string, id: string) {
    super(
      'not_found',
      'LEAD.CONTACT_TO_CONFIRM_NOT_FOUND',
      `Lead ${leadId} has no contact detail ${id} waiting to be confirmed.`,
    );
  }
}

/** A withdrawal of consent to be contacted stops every attempt, on every channel. */
export class ContactConsentWithdrawnError extends DomainError {
  constructor(withdrawnAt: Date) {
    super(
      'conflict',
      'CONTACT.CONSENT_WITHDRAWN',
      `The person withdrew consent to be contacted (${withdrawnAt.toISOString()}); no call, text or email may be made.`,
      [{ field: 'channel', message: 'the person withdrew consent to be contacted' }],
    );
  }
}

/** Texts need the person's own consent to texts, given and not withdrawn since. */
export class SmsConsentMissingError extends DomainError {
  constructor(withdrawn: boolean) {
    super(
      'conflict',
      withdrawn ? 'CONTACT.SMS_CONSENT_WITHDRAWN' : 'CONTACT.SMS_CONSENT_REQUIRED',
      withdrawn
        ? 'The person withdrew consent to texts (replied STOP or asked); call or email instead.'
        : 'The person has not agreed to texts; call or email instead.',
      [
        {
          field: 'channel',
          message: withdrawn ? 'consent to texts was withdrawn' : 'no consent to texts',
        },
      ],
    );
  }
}

/** The clinic refuses calls and texts outside the person's 8:00–21:00. */
export class QuietHoursError extends DomainError {
  constructor(localTime: string, timeZone: string) {
    super(
      'conflict',
      'CONTACT.QUIET_HOURS',
      `It is ${localTime} for the person (${timeZone}); the clinic allows calls and texts only from 8:00 to 21:00 their time.`,
      [{ field: 'channel', message: `outside 8:00–21:00 in ${timeZone}` }],
    );
  }
}

export class ContactRulesInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'CONTACT_RULES.INVALID', 'The contact rules are invalid.', fields);
  }
}
