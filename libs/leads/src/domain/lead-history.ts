import { ContactChannel } from './duplicate-matching';
import { LeadEvent, LeadState } from './lead';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** One append-only history record: what happened to a lead, field by field. */
export interface HistoryEntry {
  leadId: string;
  action:
    | LeadEvent['kind']
    | 'note_added'
    | 'contact_dismissed'
    | 'crisis_acknowledged'
    | 'crisis_first_contact';
  actorId: string | null;
  at: Date;
  changes: Record<string, FieldChange>;
}

/**
 * Contact details are personal: history says that they changed, never to what. Everything else
 * is codes, ids, states and times.
 */
const PERSONAL = '[personal]';

/** History for the events one command raised; `initial` is the lead before it (null if new). */
export function historyOf(
  initial: Readonly<LeadState> | null,
  events: LeadEvent[],
): HistoryEntry[] {
  let before = initial;
  // A box ticked on the form is the submission's own line; the ledger keeps the grant.
  return events
    .filter((event) => !isFormGrant(event))
    .map((event) => {
      const entry: HistoryEntry = {
        leadId: event.lead.id,
        action: event.kind,
        actorId: event.actorId,
        at: event.at,
        changes: { ...diff(before, event.lead), ...routingOf(event) },
      };
      before = event.lead;
      return entry;
    });
}

const TRACKED: Array<keyof LeadState> = [
  'status',
  'statusReason',
  'priority',
  'crisisFlag',
  'ownerId',
  'submissionCount',
  'contactAttemptCount',
  'firstContactAttemptAt',
  'firstReachedAt',
];

function diff(before: Readonly<LeadState> | null, after: Readonly<LeadState>) {
  const changes: Record<string, FieldChange> = {};
  for (const key of TRACKED) {
    const from = before ? plain(before[key]) : null;
    const to = plain(after[key]);
    if (before === null ? to !== null : from !== to) changes[key] = { from, to };
  }
  const consent = { from: before ? before.profile.smsConsent : null, to: after.profile.smsConsent };
  if (consent.from !== consent.to) changes['smsConsent'] = consent;
  for (const channel of ['email', 'phone'] as const) {
    const from = before?.contact[channel] ?? null;
    const to = after.contact[channel];
    if (from !== to) {
      changes[channel] = {
        from: from === null ? null : PERSONAL,
        to: to === null ? null : PERSONAL,
      };
    }
  }
  if (before?.latestTouch.submissionId !== after.latestTouch.submissionId) {
    changes['latestSubmissionId'] = {
      from: before?.latestTouch.submissionId ?? null,
      to: after.latestTouch.submissionId,
    };
  }
  return changes;
}

/** An automatic assignment, or a failed one, says why: rule, pool, strategy, who was skipped. */
function routingOf(event: LeadEvent): Record<string, FieldChange> {
  if (event.kind === 'resubmitted' && event.toConfirm.length > 0) {
    return { contactToConfirm: { from: null, to: event.toConfirm } };
  }
  if (event.kind === 'assigned' && event.basis) {
    return { routing: { from: null, to: { reason: event.reason, ...event.basis } } };
  }
  if (event.kind === 'consent_recorded') {
    const { id, kind, action, source } = event.record;
    return { consent: { from: null, to: { recordId: id, kind, action, source } } };
  }
  if (event.kind === 'unassignable') {
    const nextAttemptAt = event.nextAttemptAt?.toISOString() ?? null;
    return { routing: { from: null, to: { cause: event.cause, nextAttemptAt, ...event.basis } } };
  }
  return {};
}

function isFormGrant(event: LeadEvent): boolean {
  return event.kind === 'consent_recorded' && event.record.recordedBy === null;
}

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** A line in the history of something done beside the lead, which leaves it unchanged. */
function besideEntry(
  leadId: string,
  action: HistoryEntry['action'],
  by: { actorId: string; at: Date },
  changes: HistoryEntry['changes'],
): HistoryEntry {
  return { leadId, action, actorId: by.actorId, at: by.at, changes };
}

/** A note leaves a line in the lead's history: that it was added, never what it says. */
export function noteAddedEntry(
  leadId: string,
  noteId: string,
  by: { actorId: string; at: Date },
): HistoryEntry {
  return besideEntry(leadId, 'note_added', by, { noteId: { from: null, to: noteId } });
}

/** A contact detail someone dismissed: which channel, never the value. */
export function contactDismissedEntry(
  leadId: string,
  channel: ContactChannel,
  by: { actorId: string; at: Date },
): HistoryEntry {
  return besideEntry(leadId, 'contact_dismissed', by, {
    contactDismissed: { from: null, to: channel },
  });
}

/**
 * The crisis clock, counted 24/7 from the request with crisis language: when a person
 * acknowledged the page, and when the first contact attempt after it came. Ids and seconds only.
 */
export interface CrisisMilestone {
  leadId: string;
  pageId: string;
  kind: 'acknowledged' | 'first_contact';
  seconds: number;
  actorId: string | null;
  at: Date;
}

export function crisisMilestoneEntry(m: CrisisMilestone): HistoryEntry {
  const seconds = m.kind === 'acknowledged' ? 'secondsToAcknowledge' : 'secondsToFirstContact';
  return {
    leadId: m.leadId,
    action: m.kind === 'acknowledged' ? 'crisis_acknowledged' : 'crisis_first_contact',
    actorId: m.actorId,
    at: m.at,
    changes: {
      crisisPageId: { from: null, to: m.pageId },
      [seconds]: { from: null, to: m.seconds },
    },
  };
}
