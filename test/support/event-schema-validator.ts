import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { envelopeOf, EVENT_SCHEMAS, EventType, IntegrationEvent } from '@intake/events';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map(
  Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
);

/** Validates an event payload against its published JSON Schema; returns the errors, if any. */
export function schemaErrors(type: string, data: unknown): string[] {
  const validate = validators.get(type as EventType);
  if (!validate) return [`no schema for event type ${type}`];
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Validates an event as it would go out: its payload with the envelope (sequence 1). */
export function eventSchemaErrors(event: IntegrationEvent): string[] {
  return schemaErrors(event.type, {
    ...envelopeOf(event, randomUUID()),
    sequence: 1,
    ...event.data,
  });
}

// Names that would mean personal data in an event: never allowed anywhere in a schema.
export const PERSONAL_FIELD_NAMES = [
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'message',
  'note',
  'notes',
  'bestTimeToContact',
  'howDidYouHear',
  'ipHash',
  'userAgent',
];
