export const LEAD_STATUSES = [
  'new',
  'attempting_contact',
  'contacted',
  'consult_scheduled',
  'consult_completed',
  'converted',
  'disqualified',
  'unresponsive',
  'lost',
] as const;

export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A lead in one of these can still take a resubmission; the rest are closed. */
export const OPEN_STATUSES: readonly LeadStatus[] = [
  'new',
  'attempting_contact',
  'contacted',
  'consult_scheduled',
  'consult_completed',
];

export type LeadPriority = 'normal' | 'high' | 'urgent';
