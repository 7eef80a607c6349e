import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventType, PublishedEvent } from '@intake/events';
import { EventHandling } from '@intake/notifications';

/**
 * Hands the outbox's events (oldest first) to the worker's notifications handling, as its Kafka
 * consumer does with the published ones: the same envelope, the same once-only inbox. For tests
 * of what the reactions do, without waiting on the relay and the topic; the consumer's own tests
 * go through the broker.
 */
export async function reactToOutbox(
  pool: Pool,
  worker: INestApplicationContext,
  filter: { leadId?: string } = {},
): Promise<Array<'handled' | 'duplicate'>> {
  const { rows } = await pool.query<{ type: EventType; payload: PublishedEvent; sequence: string }>(
    `SELECT type, payload, sequence FROM outbox
      WHERE ($1::text IS NULL OR partition_key = $1) ORDER BY seq`,
    [filter.leadId ?? null],
  );
  const handling = worker.get(EventHandling);
  const results: Array<'handled' | 'duplicate'> = [];
  for (const row of rows) {
    const payload = { ...row.payload, sequence: Number(row.sequence ?? 0) } as PublishedEvent;
    results.push(await handling.handle({ type: row.type, payload }));
  }
  return results;
}
