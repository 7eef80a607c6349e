/**
 * A crisis page: a request with crisis language, and the people paged about it until one of
 * them acknowledges. Step 0 pages the first person of the order fixed when it opened (the one on
 * call, then the escalation list); each timeout without an acknowledgement pages the next one,
 * round the list again after its end. With nobody in the order, every admin is paged.
 */
export type CrisisPageStatus = 'open' | 'acknowledged';

export interface CrisisPageState {
  id: string;
  leadId: string;
  status: CrisisPageStatus;
  /** 0 for the first page, then one more per escalation. */
  step: number;
  /** Who is paged, in order; empty: the admins. */
  order: string[];
  /** Who the current step paged; null when it paged the admins. */
  pagedStaffId: string | null;
  /** When the person asked (the request's receipt): the crisis clock starts here. */
  submittedAt: Date;
  openedAt: Date;
  /** With no acknowledgement by then, the next person is paged. */
  escalateAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** The first contact attempt at or after `submittedAt`: the crisis clock's second figure. */
  firstContactAt: Date | null;
}

export interface CrisisStep {
  step: number;
  /** Null: the admins. */
  staffId: string | null;
}

export function personAt(order: readonly string[], step: number): string | null {
  return order.length === 0 ? null : order[step % order.length];
}

export function openPage(fields: {
  id: string;
  leadId: string;
  order: string[];
  submittedAt: Date;
  now: Date;
  ackTimeoutMinutes: number;
}): CrisisPageState {
  return {
    id: fields.id,
    leadId: fields.leadId,
    status: 'open',
    step: 0,
    order: fields.order,
    pagedStaffId: personAt(fields.order, 0),
    submittedAt: fields.submittedAt,
    openedAt: fields.now,
    escalateAt: addMinutes(fields.now, fields.ackTimeoutMinutes),
    acknowledgedAt: null,
    acknowledgedBy: null,
    firstContactAt: null,
  };
}

/** The next step of an open page whose time is up; null when it is acknowledged or not yet due. */
export function escalate(
  page: CrisisPageState,
  now: Date,
  ackTimeoutMinutes: number,
): CrisisPageState | null {
  if (page.status !== 'open' || now < page.escalateAt) return null;
  const step = page.step + 1;
  return {
    ...page,
    step,
    pagedStaffId: personAt(page.order, step),
    escalateAt: addMinutes(now, ackTimeoutMinutes),
  };
}

/** Acknowledged by `staffId`; null when it already was (the first acknowledgement stands). */
export function acknowledge(
  page: CrisisPageState,
  staffId: string,
  now: Date,
): CrisisPageState | null {
  if (page.status !== 'open') return null;
  return { ...page, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: staffId };
}

/**
 * The first contact attempt since the request, whatever the page's state (someone may call
 * before acknowledging); null when one was recorded already or the attempt came before it.
 */
export function firstContact(page: CrisisPageState, at: Date): CrisisPageState | null {
  if (page.firstContactAt !== null || at < page.submittedAt) return null;
  return { ...page, firstContactAt: at };
}

/** Whole seconds from the request to `at`: the 24/7 crisis clock (no business hours). */
export function secondsSinceSubmission(page: CrisisPageState, at: Date): number {
  return Math.max(0, Math.round((at.getTime() - page.submittedAt.getTime()) / 1000));
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
