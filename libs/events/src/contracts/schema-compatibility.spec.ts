import { compatibilityProblems, JsonSchema } from './schema-compatibility';

const v1: JsonSchema = {
  $id: 'https://intake.example/schemas/intake.lead.example.v1.json',
  title: 'lead.example',
  description: 'An example.',
  'x-ce-type': 'intake.lead.example.v1',
  'x-schema-version': '1.0',
  type: 'object',
  additionalProperties: false,
  required: ['leadId', 'status', 'reason', 'attribution'],
  properties: {
    leadId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['new', 'contacted'] },
    reason: { type: ['string', 'null'], description: 'Why.' },
    note: { type: 'boolean' },
    attribution: {
      type: 'object',
      additionalProperties: false,
      required: ['utmSource'],
      properties: { utmSource: { type: ['string', 'null'] }, gclid: { type: ['string', 'null'] } },
    },
  },
};

type Editable = JsonSchema & { properties: Record<string, JsonSchema> };

/** v1 with `change` applied to a deep copy, at version `version`. */
function next(change: (s: Editable) => void, version = '1.1') {
  const copy = structuredClone(v1) as Editable;
  copy['x-schema-version'] = version;
  change(copy);
  return copy;
}

describe('compatibilityProblems', () => {
  it('accepts the same schema', () => {
    expect(compatibilityProblems(v1, structuredClone(v1))).toEqual([]);
  });

  it('accepts an optional property added with a minor bump, at the top or nested', () => {
    expect(
      compatibilityProblems(
        v1,
        next((s) => (s.properties.channel = { type: 'string' })),
      ),
    ).toEqual([]);
    const nested = next(
      (s) => ((s.properties.attribution.properties as JsonSchema).utmTerm = { type: 'string' }),
    );
    expect(compatibilityProblems(v1, nested)).toEqual([]);
  });

  it('accepts documentation changes without a bump', () => {
    const documented = next((s) => {
      s.description = 'Another text.';
      s['x-when'] = 'Now and then.';
      s.examples = [{ leadId: 'x' }];
      s.properties.reason.description = 'Because.';
      s.properties.leadId.title = 'Lead';
    }, '1.0');
    expect(compatibilityProblems(v1, documented)).toEqual([]);
  });

  it('accepts a reordered required list or enum without a bump', () => {
    const reordered = next((s) => {
      (s.required as string[]).reverse();
      s.properties.status.enum = ['contacted', 'new'];
    }, '1.0');
    expect(compatibilityProblems(v1, reordered)).toEqual([]);
  });

  it.each<[string, (s: Editable) => void, RegExp]>([
    ['removal', (s: Editable) => delete s.properties.note, /^note: removed/],
    [
      'rename',
      (s: Editable) => {
        s.properties.remark = s.properties.note;
        delete s.properties.note;
      },
      /^note: removed \(a rename/,
    ],
    [
      'type change',
      (s: Editable) => (s.properties.note.type = 'string'),
      /^note: type changed from "boolean" to "string"/,
    ],
    [
      'format change',
      (s: Editable) => (s.properties.leadId.format = 'uri'),
      /^leadId: format changed/,
    ],
    [
      'enum widened',
      (s: Editable) => (s.properties.status.enum = ['new', 'contacted', 'lost']),
      /^status: enum changed \(added "lost"\)/,
    ],
    [
      'enum narrowed',
      (s: Editable) => (s.properties.status.enum = ['new']),
      /^status: enum changed \(removed "contacted"\)/,
    ],
    [
      'null added',
      (s: Editable) => (s.properties.leadId.type = ['string', 'null']),
      /^leadId: type changed from "string" to null \| string/,
    ],
    [
      'null removed',
      (s: Editable) => (s.properties.reason.type = 'string'),
      /^reason: type changed/,
    ],
    [
      'new required property',
      (s: Editable) => {
        s.properties.channel = { type: 'string' };
        (s.required as string[]).push('channel');
      },
      /^channel: added as required/,
    ],
    [
      'optional made required',
      (s: Editable) => (s.required as string[]).push('note'),
      /^note: was optional, is now required/,
    ],
    [
      'required made optional',
      (s: Editable) => (s.required = ['leadId', 'status', 'attribution']),
      /^reason: was required, is now optional/,
    ],
    [
      'additionalProperties change',
      (s: Editable) => (s.additionalProperties = true),
      /^\(root\): additionalProperties changed from false to true/,
    ],
    [
      'nested removal',
      (s: Editable) => delete (s.properties.attribution.properties as JsonSchema).gclid,
      /^attribution\.gclid: removed/,
    ],
    [
      'nested null removed',
      (s: Editable) =>
        ((s.properties.attribution.properties as Record<string, JsonSchema>).utmSource.type =
          'string'),
      /^attribution\.utmSource: type changed/,
    ],
    [
      'x-ce-type change',
      (s: Editable) => (s['x-ce-type'] = 'intake.lead.example.v2'),
      /^x-ce-type changed/,
    ],
  ])('rejects: %s, naming the path', (_name, change, message) => {
    const problems = compatibilityProblems(v1, next(change));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('rejects a changed schema whose version stays the same', () => {
    const problems = compatibilityProblems(
      v1,
      next((s) => (s.properties.channel = { type: 'string' }), '1.0'),
    );
    expect(problems).toEqual([
      'the schema changed but x-schema-version stays 1.0: raise the minor (1.1)',
    ]);
  });

  it('rejects a major bump: a new major is a new type', () => {
    const problems = compatibilityProblems(
      v1,
      next((s) => (s.properties.channel = { type: 'string' }), '2.0'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^x-schema-version major changed from 1.0 to 2.0/),
    ]);
  });

  it('rejects a version that goes down', () => {
    const at = (version: string) => ({ ...v1, 'x-schema-version': version });
    expect(compatibilityProblems(at('1.3'), at('1.2'))).toEqual([
      'x-schema-version went down from 1.3 to 1.2',
    ]);
  });

  it('accepts x-ce-source being documented, but not changed', () => {
    const documented = { ...v1, 'x-ce-source': '/intake/leads' };
    expect(compatibilityProblems(v1, documented)).toEqual([]);
    expect(compatibilityProblems(documented, { ...v1, 'x-ce-source': '/intake/other' })).toEqual([
      'x-ce-source changed from "/intake/leads" to "/intake/other"',
    ]);
  });
});
