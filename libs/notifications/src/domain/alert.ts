/** What an alert is about. Each person chooses which of these they get (except pages). */
export const ALERT_KINDS = [
  'lead_assigned',
  'follow_up_due',
  'follow_up_overdue',
  'escalated_to_me',
  'lead_waiting',
  'crisis_page',
  'webhook_disabled',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * - `page`: every channel the person has, at once, through quiet hours, never in a digest;
 * - `urgent`: at once, through quiet hours;
 * - `normal`: held in quiet hours, and in the digest for people who chose one.
 */
export const ALERT_URGENCIES = ['page', 'urgent', 'normal'] as const;
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];

/**
 * One alert to send. Minimum necessary: `title` says what happened, with no name, contact,
 * message, note, free text, interest or anything else from which a condition could be read
 * ("Urgent lead assigned to you"); `link` opens the console, where reading is access-logged.
 */
export interface AlertRequest {
  kind: AlertKind;
  /** People by staff id, or every active admin. */
  to: { staffIds: readonly string[] } | { admins: true };
  /** Unique per cause, so a redelivered event alerts once: e.g. `${eventId}`, `crisis:${pageId}:2`. */
  dedupeKey: string;
  title: string;
  /** A console path (`/console/leads/<id>`); made absolute with PUBLIC_URL when sent. */
  link: string | null;
  leadId: string | null;
  urgency: AlertUrgency;
}
