import { Injectable } from '@nestjs/common';
import { IdGenerator, sql, TransactionRunner } from '@intake/platform';
import { envelopeOf } from '../contracts/envelope';
import { IntegrationEvent } from '../contracts/event-catalog';
import { outbox } from './events.tables';

const WRITTEN = [
  'id',
  'type',
  'partitionKey',
  'subject',
  'source',
  'payload',
  'occurredAt',
] as const;

// One statement for all of a transaction's events, an array per column, in the events' order
// (which sets their seq, so a lead's events go out in the order they happened); the table's
// defaults give the rest.
const APPEND = sql<{
  ids: string[];
  types: string[];
  partitionKeys: string[];
  subjects: string[];
  sources: string[];
  payloads: string[];
  occurredAts: Date[];
}>(
  `INSERT INTO outbox (${WRITTEN.map((p) => outbox.col(p)).join(', ')})
   SELECT id, type, partition_key, subject, source, payload::jsonb, occurred_at
     FROM unnest(:ids::uuid[], :types::text[], :partitionKeys::text[], :subjects::text[],
                 :sources::text[], :payloads::text[], :occurredAts::timestamptz[])
          WITH ORDINALITY AS e (id, type, partition_key, subject, source, payload, occurred_at, n)
    ORDER BY n`,
);

/**
 * The one way an event leaves Intake: a row written in the same transaction as the change. The
 * row holds the payload with its envelope but for `sequence`, which the relay gives it when it
 * first sends it: numbering at write time would put a per-lead lock in every writing
 * transaction, and writers that take the follow-up's lock before the lead's would deadlock on it.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async append(events: IntegrationEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const manager = this.tx.requireTransaction();
    const ids = events.map(() => this.ids.next());
    await APPEND.execute(manager, {
      ids,
      types: events.map((e) => e.type),
      partitionKeys: events.map((e) => e.key),
      subjects: events.map((e) => e.subject),
      sources: events.map((e) => e.source),
      payloads: events.map((e, i) => JSON.stringify({ ...envelopeOf(e, ids[i]!), ...e.data })),
      occurredAts: events.map((e) => e.occurredAt),
    });
    return ids;
  }
}
