import type { ConsentKind } from './consent';

export const CONTACT_CHANNELS = ['phone', 'sms', 'email'] as const;
export type ContactAttemptChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_OUTCOMES = [
  'reached',
  'left_voicemail',
  'no_answer',
  'wrong_number',
  'bounced',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Outcomes that can happen on each channel: a voicemail is a call, a bounce is a message. */
export const OUTCOMES_BY_CHANNEL: Readonly<
  Record<ContactAttemptChannel, readonly ContactOutcome[]>
> = {
  phone: ['reached', 'left_voicemail', 'no_answer', 'wrong_number'],
  sms: ['reached', 'no_answer', 'wrong_number', 'bounced'],
  email: ['reached', 'no_answer', 'bounced'],
};

export interface ContactAttempt {
  id: string;
  leadId: string;
  attemptNumber: number;
  channel: ContactAttemptChannel;
  outcome: ContactOutcome;
  note: string | null;
  callbackAt: Date | null;
  actorId: string;
  attemptedAt: Date;
  /** What the attempt relied on: consent, the person's local time and zone, quiet hours. */
  receipt: ContactReceipt | null;
}

/** Outside the person's 8:00–21:00 a call or text is warned about, or refused. */
export const QUIET_HOURS_RULES = ['warn', 'refuse'] as const;
export type QuietHoursRule = (typeof QUIET_HOURS_RULES)[number];

/** What an attempt relied on, kept on its row as evidence. */
export interface ContactReceipt {
  /** The consent record the attempt relied on (SMS: the text consent; else consent to contact). */
  consentRecordId: string | null;
  consentKind: ConsentKind;
  wordingVersion: number | null;
  /** The person's wall-clock time, ISO 8601 with its offset. */
  localTime: string;
  timeZone: string;
  /** `state`: from the person's state; `clinic`: their state is unknown, the clinic's zone. */
  timeZoneFrom: 'state' | 'clinic';
  /** Outside 8:00–21:00 local; null for email, where the window does not apply. */
  quietHours: boolean | null;
  quietHoursRule: QuietHoursRule;
}
