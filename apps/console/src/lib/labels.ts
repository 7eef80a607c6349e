/** Words for the API's codes. */
export const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  attempting_contact: 'Attempting contact',
  contacted: 'Contacted',
  consult_scheduled: 'Consult scheduled',
  consult_completed: 'Consult completed',
  converted: 'Converted',
  disqualified: 'Disqualified',
  unresponsive: 'Unresponsive',
  lost: 'Lost',
};

export const KIND_LABEL: Record<string, string> = {
  first_contact: 'First contact',
  retry: 'Retry',
  callback: 'Callback',
  consult_reminder: 'Consult reminder',
};

export const OUTCOME_LABEL: Record<string, string> = {
  reached: 'Reached',
  left_voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  bounced: 'Bounced',
};

export const CHANNEL_LABEL: Record<string, string> = {
  phone: 'Phone',
  sms: 'Text',
  email: 'Email',
};

/** Outcomes each channel allows (the API's rule: no voicemail by email). */
export const OUTCOMES_BY_CHANNEL: Record<string, string[]> = {
  phone: ['no_answer', 'left_voicemail', 'reached', 'wrong_number'],
  sms: ['no_answer', 'reached', 'wrong_number', 'bounced'],
  email: ['no_answer', 'reached', 'bounced'],
};

export const DISQUALIFY_REASON_LABEL: Record<string, string> = {
  not_a_candidate: 'Not a candidate',
  out_of_area: 'Out of area',
  insurance: 'Insurance',
  duplicate: 'Duplicate',
  other: 'Other',
};

export const RESCHEDULE_REASON_LABEL: Record<string, string> = {
  patient_request: 'They asked for another time',
  coordinator_unavailable: 'I am not available',
  awaiting_information: 'Waiting for information',
  other: 'Other',
};

export const PRIORITY_COLOUR: Record<string, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'gray',
};

export const words = (code: string | null | undefined): string =>
  code ? code.replace(/_/g, ' ') : '—';

export function fullName(lead: {
  firstName: string | null;
  lastName: string | null;
  erasedAt?: string | null;
}): string {
  if (lead.erasedAt) return 'Erased lead';
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}
