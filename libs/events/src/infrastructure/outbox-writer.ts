import { Injectable } from '@nestjs/common';
import { IdGenerator, TransactionRunner } from '@intake/platform';
import { EventEnvelopeV1, schemaVersionOf } from '../contracts/envelope';
import { IntegrationEvent } from '../contracts/event-catalog';
import { OutboxOrmEntity } from './outbox.orm-entity';

// Reserves the next `count` numbers of each key; the row lock it takes orders concurrent writers
// of one key, so sequences follow commit order and the outbox's `seq` with them.
const RESERVE = `
  INSERT INTO event_sequences (stream_key, last_sequence)
  SELECT key, count FROM unnest($1::text[], $2::bigint[]) AS r(key, count) ORDER BY key
  ON CONFLICT (stream_key) DO UPDATE SET last_sequence = event_sequences.last_sequence + EXCLUDED.last_sequence
  RETURNING stream_key AS key, last_sequence AS last`;

/** The one way an event leaves Intake: a row written in the same transaction as the change. */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async append(events: IntegrationEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const manager = this.tx.requireTransaction();
    const next = await this.reserveSequences(events);
    const rows = events.map((event) => {
      const id = this.ids.next();
      const sequence = next.get(event.key)!;
      next.set(event.key, sequence + 1);
      const data = event.data as { leadId?: string };
      const envelope: EventEnvelopeV1 = {
        eventId: id,
        occurredAt: event.occurredAt.toISOString(),
        leadId: data.leadId ?? null,
        sequence,
        schemaVersion: schemaVersionOf(event.type),
      };
      return manager.create(OutboxOrmEntity, {
        id,
        type: event.type,
        partitionKey: event.key,
        subject: event.subject,
        sequence: String(sequence),
        source: event.source,
        payload: { ...envelope, ...event.data },
        occurredAt: event.occurredAt,
      });
    });
    await manager.insert(OutboxOrmEntity, rows);
    return rows.map((row) => row.id);
  }

  /** The first sequence number for each key's events in this batch. */
  private async reserveSequences(events: IntegrationEvent[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.key, (counts.get(event.key) ?? 0) + 1);
    const reserved: Array<{ key: string; last: string }> = await this.tx
      .requireTransaction()
      .query(RESERVE, [[...counts.keys()], [...counts.values()]]);
    return new Map(reserved.map((r) => [r.key, Number(r.last) - counts.get(r.key)! + 1]));
  }
}
