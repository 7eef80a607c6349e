/** The channel the lead and follow-up triggers notify on (migration LiveUpdates). */
export const LEAD_CHANGES_CHANNEL = 'intake_lead_changes';

export const LEAD_CHANGE_KINDS = [
  'lead_created',
  'lead_changed',
  'assigned',
  'follow_up_changed',
] as const;
export type LeadChangeKind = (typeof LEAD_CHANGE_KINDS)[number];

/**
 * A committed change to a lead or one of its follow-ups, as the triggers announce it: ids, the
 * lead's version and what kind of change, never a name, contact or text. For a follow-up,
 * `ownerId` is its assignee; `previousOwnerId` is set only when the owner (or assignee) changed.
 */
export interface LeadChange {
  leadId: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  version: number | null;
  kind: LeadChangeKind;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidOrNull = (v: unknown): v is string | null =>
  v === null || (typeof v === 'string' && UUID.test(v));

/**
 * A notification's payload as a LeadChange, or null for anything else. Only the five known
 * fields are kept, so whatever else a payload might ever carry never reaches a client.
 */
export function parseLeadChange(payload: string): LeadChange | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.leadId !== 'string' || !UUID.test(v.leadId)) return null;
  if (!uuidOrNull(v.ownerId) || !uuidOrNull(v.previousOwnerId)) return null;
  const version = v.version ?? null;
  if (version !== null && !Number.isSafeInteger(version)) return null;
  if (!(LEAD_CHANGE_KINDS as readonly unknown[]).includes(v.kind)) return null;
  return {
    leadId: v.leadId,
    ownerId: v.ownerId,
    previousOwnerId: v.previousOwnerId,
    version: version as number | null,
    kind: v.kind as LeadChangeKind,
  };
}

/** Whether the change is to a lead or follow-up that is, or just was, this person's. */
export function concerns(change: LeadChange, staffId: string): boolean {
  return change.ownerId === staffId || change.previousOwnerId === staffId;
}
