import type { Attribution } from '@intake/kernel';
import type { InquiryConsent } from './consent';

/** Contact details, already normalized (lower-case email, E.164 phone). */
export interface ContactDetails {
  email: string | null;
  phone: string | null;
}

export interface LeadProfile {
  firstName: string;
  lastName: string | null;
  preferredContact: 'phone' | 'sms' | 'email' | null;
  bestTimeToContact: string | null;
  state: string | null;
  interest: string | null;
  howDidYouHear: string | null;
  /** ISO 639-1 code; routing rules and staff languages match on it. */
  language: string | null;
  contactConsent: boolean;
  smsConsent: boolean;
}

/** One request's submission, form and time, and where the person came from for it. */
export interface Touch extends Attribution {
  submissionId: string;
  formKey: string;
  at: Date;
}

/** What a valid consultation request tells the leads context. */
export interface Inquiry {
  submissionId: string;
  formKey: string;
  receivedAt: Date;
  contact: ContactDetails;
  profile: LeadProfile;
  touch: Touch;
  /** The free-text message, read for crisis language and never kept on the lead. */
  message: string | null;
  /** The consent boxes ticked, with the wording shown and where the form was. */
  consent: InquiryConsent;
}

/** Where a lead came from, as one filterable code: the first touch's utm_source, or `direct`. */
export function sourceOf(touch: Touch): string {
  return touch.utmSource?.trim().toLowerCase() || 'direct';
}
