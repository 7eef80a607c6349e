import { AggregateRoot } from '@intake/kernel';
import { ContactChannel, matchedChannels } from './duplicate-matching';
import { ContactDetails, Inquiry, LeadProfile, Touch } from './inquiry';
import { LeadPriority, LeadStatus, OPEN_STATUSES } from './lead-status';

/** Each event carries the lead as it was when the event happened (state is never mutated). */
export type LeadEvent =
  | { kind: 'submitted'; lead: Readonly<LeadState>; inquiry: Inquiry }
  | {
      kind: 'resubmitted';
      lead: Readonly<LeadState>;
      inquiry: Inquiry;
      matchedOn: ContactChannel[];
    };

export interface LeadState {
  id: string;
  status: LeadStatus;
  priority: LeadPriority;
  crisisFlag: boolean;
  contact: ContactDetails;
  profile: LeadProfile;
  firstTouch: Touch;
  latestTouch: Touch;
  formKey: string;
  ownerId: string | null;
  submissionCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastSubmittedAt: Date;
}

/** One person seeking a consultation, however many times they asked. */
export class Lead extends AggregateRoot<LeadEvent> {
  private constructor(private state: LeadState) {
    super();
  }

  static restore(state: LeadState): Lead {
    return new Lead({ ...state });
  }

  static fromInquiry(id: string, inquiry: Inquiry): Lead {
    const lead = new Lead({
      id,
      status: 'new',
      priority: 'normal',
      crisisFlag: false,
      contact: { ...inquiry.contact },
      profile: { ...inquiry.profile },
      firstTouch: inquiry.touch,
      latestTouch: inquiry.touch,
      formKey: inquiry.formKey,
      ownerId: null,
      submissionCount: 1,
      version: 1,
      createdAt: inquiry.receivedAt,
      updatedAt: inquiry.receivedAt,
      lastSubmittedAt: inquiry.receivedAt,
    });
    lead.raise({ kind: 'submitted', lead: lead.state, inquiry });
    return lead;
  }

  get id(): string {
    return this.state.id;
  }

  get isOpen(): boolean {
    return OPEN_STATUSES.includes(this.state.status);
  }

  snapshot(): Readonly<LeadState> {
    return this.state;
  }

  /**
   * A later request from the same person: latest touch moves, a contact channel the lead lacked
   * is filled in, and nothing the coordinators already have is overwritten.
   */
  attach(inquiry: Inquiry): void {
    if (!this.isOpen) throw new Error(`Lead ${this.id} is closed and cannot take submissions`);
    const matchedOn = matchedChannels(this.state.contact, inquiry.contact);
    if (matchedOn.length === 0) throw new Error(`Inquiry does not match lead ${this.id}`);
    this.state = {
      ...this.state,
      contact: {
        email: this.state.contact.email ?? inquiry.contact.email,
        phone: this.state.contact.phone ?? inquiry.contact.phone,
      },
      profile: {
        ...this.state.profile,
        smsConsent: this.state.profile.smsConsent || inquiry.profile.smsConsent,
      },
      latestTouch: inquiry.touch,
      submissionCount: this.state.submissionCount + 1,
      version: this.state.version + 1,
      updatedAt: inquiry.receivedAt,
      lastSubmittedAt: inquiry.receivedAt,
    };
    this.raise({ kind: 'resubmitted', lead: this.state, inquiry, matchedOn });
  }
}
