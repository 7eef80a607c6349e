import type { Pool } from 'pg';
import type { Actor } from './clients';
import { count, waitUntil } from './harness';

/**
 * What a test looks at after acting. Through the public API where it answers (read as `reader`,
 * a staff member allowed to), so a test depends on what the service promises, not on how
 * another context keeps it.
 */

/** Who owns the lead now; null for nobody. */
export async function ownerOf(reader: Actor, leadId: string): Promise<string | null> {
  const lead = await reader.get(`/v1/leads/${leadId}`).expect(200);
  return lead.body.owner?.id ?? null;
}

export interface FollowUpSeen {
  id: string;
  kind: string;
  status: string;
  attempt: number;
  assigneeId: string | null;
  priority: string;
  dueAt: string;
  slaDeadline: string;
  cancelReason: string | null;
}

/** The lead's follow-ups, newest first. */
export async function followUpsOf(reader: Actor, leadId: string): Promise<FollowUpSeen[]> {
  return (await reader.get(`/v1/leads/${leadId}/follow-ups`).expect(200)).body.items;
}

/** The lead's one open follow-up; null when none is open. */
export async function openFollowUpOf(reader: Actor, leadId: string): Promise<FollowUpSeen | null> {
  return (await followUpsOf(reader, leadId)).find((f) => f.status === 'open') ?? null;
}

export interface HistoryEntrySeen {
  action: string;
  actor: { id: string; name: string | null } | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  requestId: string | null;
  occurredAt: string;
}

/** The lead's history as staff see it, oldest first. */
export async function historyOf(reader: Actor, leadId: string): Promise<HistoryEntrySeen[]> {
  return (await reader.get(`/v1/leads/${leadId}`).expect(200)).body.history;
}

export interface AuditEntrySeen {
  action: string;
  actor: { type: string; staffId: string | null; label: string | null };
  targetType: string;
  targetId: string | null;
  requestId: string | null;
}

/** The admin audit's entries that match `query` (action, targetType, targetId…), newest first. */
export async function adminAudit(
  admin: Actor,
  query: Record<string, string>,
): Promise<AuditEntrySeen[]> {
  const params = new URLSearchParams({ limit: '200', ...query });
  return (await admin.get(`/v1/admin-audit?${params}`).expect(200)).body.items;
}

export interface OutboxEvent {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * The events written for a lead (of one type, if given), oldest first, as they wait in the
 * outbox. No API shows an event before the relay publishes it: suites that do not run the relay
 * and the broker look here.
 */
export async function outboxOf(pool: Pool, leadId: string, type?: string): Promise<OutboxEvent[]> {
  const { rows } = await pool.query<OutboxEvent>(
    `SELECT type, payload FROM outbox
      WHERE partition_key = $1 AND ($2::text IS NULL OR type = $2) ORDER BY seq`,
    [leadId, type ?? null],
  );
  return rows;
}

/** How many leads staff find, for the few a test makes (one page). */
export async function leadCount(reader: Actor): Promise<number> {
  const page = (await reader.get('/v1/leads?limit=100').expect(200)).body;
  if (page.nextCursor) throw new Error('leadCount: more leads than one page');
  return page.items.length;
}

/**
 * Waits until the relay has marked every outbox row published. A record can reach the topic
 * before the relay's transaction marking it published commits, so a suite that has read what it
 * expects from the topic waits here before it checks the outbox.
 */
export async function outboxDrained(pool: Pool, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    async () => (await count(pool, 'outbox', 'published_at IS NULL')) === 0,
    timeoutMs,
    'the relay to mark every outbox row published',
  );
}
