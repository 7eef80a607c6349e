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
