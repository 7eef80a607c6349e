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
}
