import { FieldError } from '@intake/kernel';
import { LEAD_STATUSES, OPEN_STATUSES, LeadStatus } from './lead-status';

/**
 * How long the clinic keeps what, and what happens after. Every period counts from a fact the
 * database holds: a submission's arrival, a closed lead's last change (`updated_at`: a later
 * change, such as a reassignment, only delays the clock), a log row's time.
 */
export interface RetentionPolicy {
  /** Rejected (spam) submissions are deleted this many days after they arrived. */
  spamDays: number;
  /** A closed lead's submissions lose their raw fields this many days after it closed. */
  rawFieldsDaysAfterClose: number;
  /** Closed leads are de-identified this many years after they closed; null: never. */
  closedLeadYears: number | null;
  /** Access log and admin audit rows are removed after this many years (HIPAA asks six). */
  auditYears: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionPolicy> = {
  spamDays: 30,
  rawFieldsDaysAfterClose: 90,
  closedLeadYears: 7,
  auditYears: 6,
};

/** Closed: the statuses a lead leaves only by a person reopening it (or never: converted). */
export const CLOSED_STATUSES: readonly LeadStatus[] = LEAD_STATUSES.filter(
  (s) => !OPEN_STATUSES.includes(s),
);

const LIMITS: Record<keyof RetentionPolicy, [number, number]> = {
  spamDays: [1, 3650],
  rawFieldsDaysAfterClose: [1, 3650],
  closedLeadYears: [1, 100],
  auditYears: [1, 100],
};

/** Every problem at once; none means the policy may be saved. */
export function retentionProblems(policy: RetentionPolicy): FieldError[] {
  const problems: FieldError[] = [];
  for (const [field, [min, max]] of Object.entries(LIMITS) as Array<
    [keyof RetentionPolicy, [number, number]]
  >) {
    const value = policy[field];
    if (value === null && field === 'closedLeadYears') continue;
    if (!Number.isInteger(value) || value! < min || value! > max) {
      problems.push({ field, message: `must be a whole number from ${min} to ${max}` });
    }
  }
  return problems;
}

/** The cut-off times of each rule at `now`: what is older goes. */
export function retentionCutoffs(policy: RetentionPolicy, now: Date) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const yearsAgo = (years: number) => {
    const at = new Date(now);
    at.setUTCFullYear(at.getUTCFullYear() - years);
    return at;
  };
  return {
    spamBefore: daysAgo(policy.spamDays),
    rawFieldsClosedBefore: daysAgo(policy.rawFieldsDaysAfterClose),
    closedLeadsBefore: policy.closedLeadYears === null ? null : yearsAgo(policy.closedLeadYears),
    auditBefore: yearsAgo(policy.auditYears),
  };
}
