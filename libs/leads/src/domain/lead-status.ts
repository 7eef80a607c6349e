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

export const DISQUALIFICATION_REASONS = [
  'not_a_candidate',
  'out_of_area',
  'insurance',
  'duplicate',
  'other',
] as const;

export type DisqualificationReason = (typeof DISQUALIFICATION_REASONS)[number];

const EXITS = ['disqualified', 'unresponsive', 'lost'] as const satisfies LeadStatus[];

/**
 * The pipeline: every move a coordinator may make. Exits are open from every working state;
 * a closed lead comes back only by reopening to `attempting_contact`; `converted` is final.
 */
export const TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['attempting_contact', 'contacted', 'consult_scheduled', ...EXITS],
  attempting_contact: ['contacted', 'consult_scheduled', ...EXITS],
  contacted: ['attempting_contact', 'consult_scheduled', ...EXITS],
  // A no-show goes back to being worked.
  consult_scheduled: ['consult_completed', 'attempting_contact', 'contacted', ...EXITS],
  consult_completed: ['converted', 'consult_scheduled', 'disqualified', 'lost'],
  converted: [],
  disqualified: ['attempting_contact'],
  unresponsive: ['attempting_contact'],
  lost: ['attempting_contact'],
};

export function allowedNextStatuses(from: LeadStatus): readonly LeadStatus[] {
  return TRANSITIONS[from];
}

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}

export const LEAD_PRIORITIES = ['normal', 'high', 'urgent'] as const;

export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

/** Sort key for the queue: the most urgent first (ascending, so one index serves the order). */
export function priorityRank(priority: LeadPriority): number {
  return { urgent: 0, high: 1, normal: 2 }[priority];
}
