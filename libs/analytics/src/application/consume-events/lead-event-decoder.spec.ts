import { EVENT_SCHEMAS } from '@intake/events';
import { LeadEventDecoder, RawRecord } from './lead-event-decoder';

const EVENT_ID = '0190a8f2-7a4b-7c3d-8e5f-0a1b2c3d4e5f';
const LEAD_ID = '0190a8f2-7a4b-7c3d-8e5f-111111111111';

function statusChanged(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: EVENT_ID,
    occurredAt: '2026-03-02T10:00:00.000Z',
    leadId: LEAD_ID,
    sequence: 4,
    schemaVersion: '1.0',
    from: 'attempting_contact',
    to: 'contacted',
    reason: null,
    actorId: null,
    changedAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

/** The published example of lead.submitted, as this event. */
function submitted(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const schema = EVENT_SCHEMAS['intake.lead.submitted.v1'] as {
    examples: Array<Record<string, unknown>>;
  };
  return {
    ...structuredClone(schema.examples[0]!),
    eventId: EVENT_ID,
    leadId: LEAD_ID,
    ...overrides,
  };
}

function record(
  value: unknown,
  headers: Record<string, string | undefined> = {},
  raw?: string,
): RawRecord {
  return {
    key: LEAD_ID,
    value: Buffer.from(raw ?? JSON.stringify(value)),
    headers: {
      ce_specversion: '1.0',
      ce_id: EVENT_ID,
      ce_type: 'intake.lead.status_changed.v1',
      ce_source: '/intake/leads',
      ce_time: '2026-03-02T10:00:00.000Z',
      ce_subject: LEAD_ID,
      ce_sequence: '4',
      'content-type': 'application/json',
      ...headers,
    },
  };
}

describe('LeadEventDecoder', () => {
  const decoder = new LeadEventDecoder();

  it('decodes a valid event with its id, key and sequence', () => {
    expect(decoder.decode(record(statusChanged()))).toEqual({
      kind: 'event',
      eventId: EVENT_ID,
      type: 'intake.lead.status_changed.v1',
      key: LEAD_ID,
      sequence: 4,
      data: statusChanged(),
    });
  });

  it('dead-letters a value that is not JSON without quoting it', () => {
    const decoded = decoder.decode(record(null, {}, 'Ann Testperson 415-555-0123'));
    expect(decoded).toEqual({ kind: 'poison', error: 'value is not JSON' });
  });

  it('dead-letters missing CloudEvents headers, naming them', () => {
    expect(
      decoder.decode(record(statusChanged(), { ce_id: undefined, ce_type: undefined })),
    ).toEqual({ kind: 'poison', error: 'missing CloudEvents header ce_id, ce_type' });
    expect(decoder.decode(record(statusChanged(), { ce_specversion: '0.3' }))).toMatchObject({
      kind: 'poison',
    });
    expect(decoder.decode(record(statusChanged(), { ce_type: 'Not A Type' }))).toEqual({
      kind: 'poison',
      error: 'malformed ce_type',
    });
  });

  it('dead-letters a payload that breaks its schema, naming the rule and never the value', () => {
    const decoded = decoder.decode(record(statusChanged({ to: 'secret-value-x', sequence: 'x' })));
    expect(decoded.kind).toBe('poison');
    const error = (decoded as { error: string }).error;
    expect(error).toMatch(/^schema: /);
    expect(error).toContain('/sequence');
    expect(error).not.toContain('secret-value-x');
    expect(decoder.decode(record(statusChanged({ eventId: LEAD_ID })))).toEqual({
      kind: 'poison',
      error: 'eventId does not match ce_id',
    });
  });

  it('skips a well-formed type it does not know, keeping its place in the sequence', () => {
    expect(
      decoder.decode(record({ anything: true }, { ce_type: 'intake.lead.archived.v1' })),
    ).toEqual({
      kind: 'unknown_type',
      eventId: EVENT_ID,
      type: 'intake.lead.archived.v1',
      key: LEAD_ID,
      sequence: 4,
    });
  });

  describe('a compatible newer minor version (1.x)', () => {
    const SUBMITTED = { ce_type: 'intake.lead.submitted.v1', ce_sequence: '1' };

    it('is accepted with the properties it does not know dropped, at every level', () => {
      const v1_1 = submitted({
        schemaVersion: '1.1',
        channel: 'web',
        attribution: { ...(submitted().attribution as object), utmId: 'spring-42' },
      });
      const decoded = decoder.decode(record(v1_1, SUBMITTED));
      expect(decoded).toMatchObject({ kind: 'event', eventId: EVENT_ID, key: LEAD_ID });
      const data = (decoded as { data: Record<string, unknown> }).data;
      expect(data).toEqual({ ...submitted(), schemaVersion: '1.1' });
      expect(data).not.toHaveProperty('channel');
      expect(data.attribution).not.toHaveProperty('utmId');
    });

    it('is still poison when a required property is missing', () => {
      const { attribution, ...rest } = submitted({ schemaVersion: '1.1', channel: 'web' });
      const noSource = { ...(attribution as object), utmSource: undefined };
      expect(decoder.decode(record(rest, SUBMITTED))).toEqual({
        kind: 'poison',
        error: "schema: / must have required property 'attribution'",
      });
      expect(decoder.decode(record({ ...rest, attribution: noSource }, SUBMITTED))).toEqual({
        kind: 'poison',
        error: "schema: /attribution must have required property 'utmSource'",
      });
    });

    it('is poison when schemaVersion names another major version than the type', () => {
      expect(decoder.decode(record(submitted({ schemaVersion: '2.0' }), SUBMITTED))).toEqual({
        kind: 'poison',
        error: 'schemaVersion 2.0 is not a version of intake.lead.submitted.v1',
      });
      expect(decoder.decode(record(statusChanged({ schemaVersion: '2.0' })))).toMatchObject({
        kind: 'poison',
      });
    });
  });
});
