import { PERSONAL_FIELD_NAMES } from '../../../../test/support/event-schema-validator';
import { EVENT_TYPES } from './event-catalog';
import { EVENT_SCHEMAS } from './event-schemas';

function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as { properties?: Record<string, unknown>; items?: unknown };
  const own = Object.keys(s.properties ?? {});
  return [
    ...own,
    ...Object.values(s.properties ?? {}).flatMap(propertyNames),
    ...propertyNames(s.items),
  ];
}

describe('event schemas', () => {
  it.each(EVENT_TYPES)(
    '%s has a schema that names its ce_type and rejects unknown properties',
    (type) => {
      const schema = EVENT_SCHEMAS[type] as { 'x-ce-type': string; additionalProperties: boolean };
      expect(schema['x-ce-type']).toBe(type);
      expect(schema.additionalProperties).toBe(false);
    },
  );

  it.each(EVENT_TYPES)('%s names no personal field', (type) => {
    const names = propertyNames(EVENT_SCHEMAS[type]);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => PERSONAL_FIELD_NAMES.includes(n))).toEqual([]);
  });
});
