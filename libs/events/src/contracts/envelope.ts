import { EventCatalog, EventType, IntegrationEvent } from './event-catalog';
import { EVENT_SCHEMAS } from './event-schemas';

/**
 * What every published event carries besides its own fields: its id (= `ce_id`), when it
 * happened (= `ce_time`), its lead (null for a rejected submission, which has none), its place
 * among its key's events, and the version of the schema it was written against.
 */
export interface EventEnvelopeV1 {
  eventId: string;
  occurredAt: string;
  leadId: string | null;
  sequence: number;
  schemaVersion: string;
}

/**
 * The envelope as one type carries it: `leadId` is a string for a type whose payload names its
 * lead, and always null for one that has none (a rejected submission).
 */
export type EnvelopeOf<T extends EventType> = EventCatalog[T] extends { leadId: string }
  ? EventEnvelopeV1 & { leadId: string }
  : Omit<EventEnvelopeV1, 'leadId'> & { leadId: null };

/**
 * An event's payload as it goes out on the topic: the envelope and the type's own fields. Without
 * a type argument, the union of every type's payload.
 */
export type PublishedEvent<T extends EventType = EventType> = T extends EventType
  ? EnvelopeOf<T> & EventCatalog[T]
  : never;

interface SchemaAnnotations {
  $id: string;
  'x-schema-version': string;
}

/** `major.minor` of the type's published schema: minor goes up with each compatible change. */
export function schemaVersionOf(type: EventType): string {
  return (EVENT_SCHEMAS[type] as SchemaAnnotations)['x-schema-version'];
}

/** The schema's URI, sent as `ce_dataschema`. */
export function dataSchemaOf(type: EventType): string {
  return (EVENT_SCHEMAS[type] as SchemaAnnotations).$id;
}

/**
 * The envelope of an event as it is written to the outbox: everything but `sequence`, which the
 * relay adds when it first sends the event.
 */
export function envelopeOf(
  event: IntegrationEvent,
  eventId: string,
): Omit<EventEnvelopeV1, 'sequence'> {
  const data = event.data as { leadId?: string };
  return {
    eventId,
    occurredAt: event.occurredAt.toISOString(),
    leadId: data.leadId ?? null,
    schemaVersion: schemaVersionOf(event.type),
  };
}
