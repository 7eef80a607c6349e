/**
 * What changed on a lead since the copy a write was based on: the history rows the copy had not
 * seen (who did what, when) and the fields that now differ. Shown on a 412 so nobody overwrites
 * a colleague's change without seeing it.
 */
export interface HistoryLike {
  id: string;
  action: string;
  actor: { id: string; name: string | null } | null;
  changes: Record<string, { from?: unknown; to?: unknown }>;
  occurredAt: string;
}

export interface LeadLike {
  version: number;
  history: HistoryLike[];
  [field: string]: unknown;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface Conflict {
  fromVersion: number;
  toVersion: number;
  /** History rows written since, oldest first. */
  entries: HistoryLike[];
  /** Fields of the lead whose value differs now. */
  fields: FieldChange[];
  /** Everyone who changed it since, by name (or "someone" / "the website"). */
  by: string[];
}

/** Fields a coordinator acts on; counters and timestamps change with them and add nothing. */
const WATCHED = [
  'status',
  'statusReason',
  'priority',
  'crisisFlag',
  'owner',
  'email',
  'phone',
  'preferredContact',
  'contactAttemptCount',
  'submissionCount',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Who did it: a person, the website (a request), or Intake itself (routing, the clock). */
export function actorName(actor: HistoryLike['actor'], action?: string): string {
  if (actor !== null) return actor.name ?? 'someone';
  return action === undefined || action === 'submitted' || action === 'resubmitted'
    ? 'the website'
    : 'Intake';
}

export function diffLead(mine: LeadLike, current: LeadLike): Conflict {
  const seen = new Set(mine.history.map((h) => h.id));
  const entries = current.history
    .filter((h) => !seen.has(h.id))
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const fields = WATCHED.filter((f) => !same(mine[f], current[f])).map((field) => ({
    field,
    from: mine[field],
    to: current[field],
  }));
  const by = [...new Set(entries.map((e) => actorName(e.actor, e.action)))];
  return { fromVersion: mine.version, toVersion: current.version, entries, fields, by };
}

/** A value for a person: an owner by name, a status in words, nothing as "—". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object' && value !== null && 'name' in value) {
    return String((value as { name: unknown }).name ?? 'someone');
  }
  if (typeof value === 'string') return value.replace(/_/g, ' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * "status: contacted → consult scheduled; owner: Cora Coordinator → Cole Coordinator". An owner
 * is named from `staffNames` (the lead detail's), never shown as an id.
 */
export function describeChanges(
  changes: HistoryLike['changes'],
  staffNames: Readonly<Record<string, string>> = {},
): string {
  const named = (value: unknown) =>
    typeof value === 'string' && staffNames[value] ? staffNames[value] : describeValue(value);
  return Object.entries(changes)
    .map(([k, v]) =>
      k === 'ownerId'
        ? `owner: ${named(v?.from)} → ${named(v?.to)}`
        : `${k}: ${describeValue(v?.from)} → ${describeValue(v?.to)}`,
    )
    .join('; ');
}
