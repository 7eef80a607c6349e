import { IHeaders, Message } from 'kafkajs';
import { RowOf } from '@intake/platform';
import { dataSchemaOf } from '../../contracts/envelope';
import { EventType } from '../../contracts/event-catalog';
import { OUTBOX_RECORD, outbox } from '../events.tables';

/** One outbox row as the relay reads it and sends it. */
export type OutboxRecord = Pick<RowOf<typeof outbox.columns>, (typeof OUTBOX_RECORD)[number]>;

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes as `ce_` headers.
 * The record's own timestamp is left to the producer (the time it is sent): the broker refuses
 * timestamps more than an hour ahead of its clock (`log.message.timestamp.after.max.ms`), and one
 * refused record would hold back its lead's events for good. When it happened is `ce_time`.
 * Extensions: `ce_sequence` (the envelope's per-key sequence, as CloudEvents' sequence extension)
 * and `ce_dataschema` (the URI of the type's JSON Schema).
 */
export function toKafkaMessage(record: OutboxRecord): Message {
  return {
    key: record.partitionKey,
    value: JSON.stringify(record.payload),
    headers: {
      ce_specversion: '1.0',
      ce_id: record.id,
      ce_type: record.type,
      ce_source: record.source,
      ce_time: record.occurredAt.toISOString(),
      ce_subject: record.subject,
      ...(record.sequence === null ? {} : { ce_sequence: record.sequence }),
      ce_dataschema: dataSchemaOf(record.type as EventType),
      'content-type': 'application/json',
    },
  };
}

/** A record's headers as text, the first value of each (what a consumer reads `ce_*` from). */
export function textHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const text: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    text[name] = first === undefined ? undefined : first.toString();
  }
  return text;
}
