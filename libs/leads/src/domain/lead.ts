import {
  AggregateRoot,
  AssignmentBasis,
  AssignmentReason,
  UnassignableCause,
} from '@intake/kernel';
import {
  ContactAttempt,
  ContactAttemptChannel,
  ContactOutcome,
  OUTCOMES_BY_CHANNEL,
} from './contact-attempt';
import {
  CONSENT_FLAGS,
  ConsentChangeInput,
  ConsentRecord,
  formGrantRecords,
  STAFF_CONSENT_SOURCES,
  staffConsentRecord,
  withGrantedFlags,
} from './consent';
import { checkContact, ContactCheck } from './contact-rules';
import { mentionsCrisis } from './crisis-language';
import { ContactChannel, MATCHING_CHANNELS, matchedChannels } from './duplicate-matching';
import { Inquiry } from './inquiry';
import {
  LeadChannelMissingError,
  LeadClosedError,
  LeadDoNotContactError,
  LeadErasedError,
  LeadInvalidError,
  LeadReopenConflictError,
  LeadVersionMismatchError,
  TransitionNotAllowedError,
} from './lead-errors';
import {
  allowedNextStatuses,
  DisqualificationReason,
  LeadPriority,
  LeadStatus,
  OPEN_STATUSES,
} from './lead-status';
import { ChangeContext, LeadEvent } from './lead-events';
import { erasedProfile, LeadState } from './lead-state';

export type { ChangeContext, LeadEvent } from './lead-events';
export type { LeadState } from './lead-state';

export interface ContactAttemptInput {
  id: string;
  channel: ContactAttemptChannel;
  outcome: ContactOutcome;
  note: string | null;
  callbackAt: Date | null;
}

/** One person seeking a consultation, however many times they asked. */
export class Lead extends AggregateRoot<LeadEvent> {
  private constructor(
    private state: LeadState,
    /** The version as loaded: the row is saved only if it still has this one. */
    readonly persistedVersion: number | null,
  ) {
    super();
  }

  static restore(state: LeadState): Lead {
    return new Lead({ ...state }, state.version);
  }

  /** A first request. Crisis language in the message puts the lead at the top of the queue. */
  static fromInquiry(id: string, inquiry: Inquiry, doNotContact = false): Lead {
    const crisis = mentionsCrisis(inquiry.message);
    const lead = new Lead(
      {
        id,
        status: 'new',
        statusReason: null,
        priority: crisis ? 'urgent' : 'normal',
        crisisFlag: crisis,
        contact: { ...inquiry.contact },
        profile: withGrantedFlags(inquiry.profile, inquiry.profile, inquiry.consent),
        firstTouch: inquiry.touch,
        latestTouch: inquiry.touch,
        formKey: inquiry.formKey,
        ownerId: null,
        submissionCount: 1,
        contactAttemptCount: 0,
        firstContactAttemptAt: null,
        firstReachedAt: null,
        version: 1,
        createdAt: inquiry.receivedAt,
        updatedAt: inquiry.receivedAt,
        lastSubmittedAt: inquiry.receivedAt,
        erasedAt: null,
        doNotContact,
      },
      null,
    );
    lead.raise({
      kind: 'submitted',
      lead: lead.state,
      inquiry,
      actorId: null,
      at: inquiry.receivedAt,
    });
    lead.raiseFormGrants(inquiry);
    return lead;
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get ownerId(): string | null {
    return this.state.ownerId;
  }

  get isOpen(): boolean {
    return OPEN_STATUSES.includes(this.state.status);
  }

  get isErased(): boolean {
    return this.state.erasedAt !== null;
  }

  /** An erased lead is kept for its figures only: nobody changes it any more. */
  expectNotErased(): void {
    if (this.state.erasedAt !== null) throw new LeadErasedError(this.id);
  }

  /**
   * De-identifies the lead (an erasure the clinic recorded): its contact details, names and the
   * free text about the person go, its figures stay (status, times, interest, state, source,
   * owner, counts). An open lead is closed first (`lost`), so nobody is asked to call a person
   * who is no longer there. Erasing an erased lead changes nothing.
   */
  erase(erasureId: string, by: ChangeContext): void {
    if (this.isErased) return;
    if (this.isOpen) this.moveTo('lost', null, by);
    const profile = erasedProfile(this.state.profile);
    this.change(by, { erasedAt: by.at, contact: { email: null, phone: null }, profile });
    this.raise({ kind: 'erased', lead: this.state, erasureId, ...by });
  }

  snapshot(): Readonly<LeadState> {
    return this.state;
  }

  /** Optimistic concurrency: the caller read version `expected`; refuse if it moved on. */
  expectVersion(expected: number | null): void {
    if (expected !== null && expected !== this.state.version)
      throw new LeadVersionMismatchError(expected, this.state.version);
  }

  /**
   * A later request from the same person: latest touch moves, and nothing the coordinators
   * already have is overwritten. The request needs no credentials, so an email or phone in it
   * that the lead does not have never becomes the lead's: it is left for staff to confirm
   * (`toConfirm`). Crisis language escalates the lead; a calm message never lowers it.
   */
  attach(inquiry: Inquiry): void {
    if (!this.isOpen) throw new Error(`Lead ${this.id} is closed and cannot take submissions`);
    const matchedOn = matchedChannels(this.state.contact, inquiry.contact);
    if (matchedOn.length === 0) throw new Error(`Inquiry does not match lead ${this.id}`);
    const by = { actorId: null, at: inquiry.receivedAt };
    const before = this.state;
    const toConfirm = MATCHING_CHANNELS.filter(
      (channel) =>
        inquiry.contact[channel] !== null && inquiry.contact[channel] !== before.contact[channel],
    );
    this.change(by, {
      profile: withGrantedFlags(before.profile, inquiry.profile, inquiry.consent),
      latestTouch: inquiry.touch,
      submissionCount: before.submissionCount + 1,
      lastSubmittedAt: inquiry.receivedAt,
    });
    this.raise({ kind: 'resubmitted', lead: this.state, inquiry, matchedOn, toConfirm, ...by });
    this.raiseFormGrants(inquiry);
    if (mentionsCrisis(inquiry.message) && !before.crisisFlag) {
      this.changePriority('urgent', true, by);
    }
  }

  /**
   * A person confirmed that a contact detail a later request brought is this person's: it
   * becomes the lead's, replacing the one the lead had on that channel.
   */
  confirmContact(channel: ContactChannel, value: string, by: ChangeContext): void {
    if (this.state.contact[channel] === value) return;
    this.change(by, { contact: { ...this.state.contact, [channel]: value } });
    this.raise({ kind: 'contact_confirmed', lead: this.state, channel, ...by });
  }

  /**
   * Moves the lead along the pipeline. Reopening is refused while the same person has another
   * open lead (`openLeadOfSamePerson`): a later request made one while this was closed.
   */
  transitionTo(
    to: LeadStatus,
    reason: DisqualificationReason | null,
    by: ChangeContext,
    openLeadOfSamePerson: string | null = null,
  ): void {
    const from = this.state.status;
    if (to === 'disqualified' && reason === null) {
      throw new LeadInvalidError([{ field: 'reason', message: 'is required to disqualify' }]);
    }
    if (to !== 'disqualified' && reason !== null) {
      throw new LeadInvalidError([{ field: 'reason', message: 'applies only to disqualified' }]);
    }
    const allowed = allowedNextStatuses(from);
    if (!allowed.includes(to)) throw new TransitionNotAllowedError(from, to, allowed);
    if (this.reopens(to) && openLeadOfSamePerson !== null) {
      throw new LeadReopenConflictError(openLeadOfSamePerson);
    }
    this.moveTo(to, reason, by);
  }

  private moveTo(to: LeadStatus, reason: DisqualificationReason | null, by: ChangeContext): void {
    const from = this.state.status;
    this.change(by, { status: to, statusReason: reason });
    this.raise({ kind: 'status_changed', lead: this.state, from, to, reason, ...by });
  }

  /**
   * Records an attempt to reach the person. The first attempt and the first time they are
   * reached are stamped once each: the speed-to-lead clock.
   */
  recordContactAttempt(
    input: ContactAttemptInput,
    by: ChangeContext & { actorId: string },
    check: ContactCheck,
  ) {
    const s = this.state;
    if (!this.isOpen) throw new LeadClosedError(s.status);
    if (s.doNotContact || check.suppressed) throw new LeadDoNotContactError(s.id);
    if (!OUTCOMES_BY_CHANNEL[input.channel].includes(input.outcome)) {
      throw new LeadInvalidError([
        {
          field: 'outcome',
          message: `must be one of ${OUTCOMES_BY_CHANNEL[input.channel].join(', ')} for ${input.channel}`,
        },
      ]);
    }
    if (input.callbackAt && input.callbackAt.getTime() < by.at.getTime()) {
      throw new LeadInvalidError([{ field: 'callbackAt', message: 'must be in the future' }]);
    }
    const has = input.channel === 'email' ? s.contact.email : s.contact.phone;
    if (has === null) throw new LeadChannelMissingError(input.channel);
    const receipt = checkContact(input.channel, by.at, s.profile.state, check);

    const reached = input.outcome === 'reached';
    const attempt: ContactAttempt = {
      ...input,
      leadId: s.id,
      attemptNumber: s.contactAttemptCount + 1,
      actorId: by.actorId,
      attemptedAt: by.at,
      receipt,
    };
    const from = s.status;
    const to: LeadStatus =
      reached && (from === 'new' || from === 'attempting_contact')
        ? 'contacted'
        : from === 'new'
          ? 'attempting_contact'
          : from;
    this.change(by, {
      contactAttemptCount: attempt.attemptNumber,
      firstContactAttemptAt: s.firstContactAttemptAt ?? by.at,
      firstReachedAt: reached ? (s.firstReachedAt ?? by.at) : s.firstReachedAt,
    });
    const secondsSinceSubmission = Math.max(
      0,
      Math.round((by.at.getTime() - s.createdAt.getTime()) / 1000),
    );
    this.raise({
      kind: 'contact_attempted',
      lead: this.state,
      attempt,
      secondsSinceSubmission,
      statusAfter: to,
      ...by,
    });
    if (to !== from) {
      // Same command, same version: the move is its own event and its own line in history.
      this.change(by, { status: to }, false);
      this.raise({ kind: 'status_changed', lead: this.state, from, to, reason: null, ...by });
    }
    return attempt;
  }

  /**
   * Staff record that the person gave or withdrew consent (on the phone, a STOP reply). Allowed
   * in any status: a closed lead's person may still opt out. The lead's flags follow the ledger.
   */
  recordConsent(input: ConsentChangeInput, by: ChangeContext & { actorId: string }): ConsentRecord {
    if (!(STAFF_CONSENT_SOURCES as readonly string[]).includes(input.source)) {
      throw new LeadInvalidError([
        { field: 'source', message: `must be one of ${STAFF_CONSENT_SOURCES.join(', ')}` },
      ]);
    }
    const record = staffConsentRecord(this.state.id, input, by);
    const flag = CONSENT_FLAGS[input.kind];
    const profile =
      flag === null
        ? this.state.profile
        : { ...this.state.profile, [flag]: input.action === 'granted' };
    this.change(by, { profile });
    this.raise({ kind: 'consent_recorded', lead: this.state, record, ...by });
    return record;
  }

  /** Whether moving to `to` would make a closed lead open again. */
  reopens(to: LeadStatus): boolean {
    return !this.isOpen && OPEN_STATUSES.includes(to);
  }

  /**
   * Hands the lead to a staff member, by hand or by routing (`basis` says why); assigning the
   * current owner changes nothing. Returns whether the owner changed.
   */
  assignTo(
    ownerId: string,
    by: ChangeContext,
    reason: AssignmentReason = 'manual',
    basis: AssignmentBasis | null = null,
  ): boolean {
    const previousOwnerId = this.state.ownerId;
    if (previousOwnerId === ownerId) return false;
    // Routing works only open leads; a person may still reassign a closed one.
    if (reason !== 'manual' && !this.isOpen) throw new LeadClosedError(this.state.status);
    this.change(by, { ownerId });
    this.raise({
      kind: 'assigned',
      lead: this.state,
      ownerId,
      previousOwnerId,
      reason,
      basis,
      ...by,
    });
    return true;
  }

  /** Routing found nobody to take the lead; the lead itself does not change. */
  markUnassignable(
    cause: UnassignableCause,
    nextAttemptAt: Date | null,
    basis: AssignmentBasis,
    by: ChangeContext,
  ): void {
    this.raise({ kind: 'unassignable', lead: this.state, cause, nextAttemptAt, basis, ...by });
  }

  setPriority(priority: LeadPriority, crisisFlag: boolean, by: ChangeContext): void {
    if (priority === this.state.priority && crisisFlag === this.state.crisisFlag) return;
    this.changePriority(priority, crisisFlag, by);
  }

  private changePriority(to: LeadPriority, crisisFlag: boolean, by: ChangeContext): void {
    const { priority: from, crisisFlag: previousCrisisFlag } = this.state;
    this.change(by, { priority: to, crisisFlag });
    this.raise({
      kind: 'priority_changed',
      lead: this.state,
      from,
      to,
      crisisFlag,
      previousCrisisFlag,
      ...by,
    });
  }

  /** The boxes a form post ticked: ledger rows of the same change, the flags already set. */
  private raiseFormGrants(inquiry: Inquiry): void {
    const { submissionId, receivedAt: at, consent } = inquiry;
    for (const record of formGrantRecords(this.state.id, submissionId, at, consent)) {
      this.raise({ kind: 'consent_recorded', lead: this.state, record, actorId: null, at });
    }
  }

  private change(by: ChangeContext, patch: Partial<LeadState>, newVersion = true): void {
    const version = this.state.version + (newVersion ? 1 : 0);
    this.state = { ...this.state, ...patch, version, updatedAt: by.at };
  }
}
