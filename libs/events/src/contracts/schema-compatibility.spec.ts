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

  describe('required', () => {
    it('rejects a name added to required that is not among the properties, at the top or nested', () => {
      expect(
        compatibilityProblems(
          v1,
          next((s) => (s.required as string[]).push('ghost')),
        ),
      ).toEqual([expect.stringMatching(/^ghost: added as required/)]);
      expect(
        compatibilityProblems(
          v1,
          next((s) => (s.properties.attribution.required as string[]).push('ghost')),
        ),
      ).toEqual([expect.stringMatching(/^attribution\.ghost: added as required/)]);
    });

    it('rejects a name removed from required that is not among the properties', () => {
      const withGhost = next((s) => (s.required as string[]).push('ghost'), '1.0');
      expect(compatibilityProblems(withGhost, { ...v1, 'x-schema-version': '1.1' })).toEqual([
        'ghost: was required, is now optional',
      ]);
    });

    it('reports a required property removed once, as removed', () => {
      const problems = compatibilityProblems(
        v1,
        next((s) => {
          delete s.properties.reason;
          s.required = ['leadId', 'status', 'attribution'];
        }),
      );
      expect(problems).toEqual([expect.stringMatching(/^reason: removed/)]);
    });
  });

  describe('properties, $defs and other maps named like annotation keywords', () => {
    const withDefs = (type: string, version: string): JsonSchema => ({
      ...v1,
      'x-schema-version': version,
      $defs: { description: { type }, title: { type: 'string' } },
      definitions: { examples: { type } },
    });

    it('rejects a type change of a $defs or definitions entry named description or examples', () => {
      expect(compatibilityProblems(withDefs('string', '1.0'), withDefs('integer', '1.1'))).toEqual([
        '$defs.description: type changed from "string" to "integer"',
        'definitions.examples: type changed from "string" to "integer"',
      ]);
    });

    it('rejects a removed $defs entry named title', () => {
      const without = withDefs('string', '1.1');
      delete (without.$defs as JsonSchema).title;
      expect(compatibilityProblems(withDefs('string', '1.0'), without)).toEqual([
        expect.stringMatching(/^\$defs\.title: removed/),
      ]);
    });

    it('rejects a type change or removal of a property named description or title', () => {
      const base = next((s) => {
        s.properties.description = { type: 'string', description: 'A property.' };
        s.properties.title = { type: 'string' };
      }, '1.0');
      const changed = structuredClone(base) as Editable;
      changed['x-schema-version'] = '1.1';
      changed.properties.description.type = 'integer';
      delete changed.properties.title;
      expect(compatibilityProblems(base, changed)).toEqual([
        'description: type changed from "string" to "integer"',
        expect.stringMatching(/^title: removed/),
      ]);
      // A version bump is demanded even when only such a property changed compatibly.
      const widened = structuredClone(base) as Editable;
      widened.properties.title = { type: 'object', properties: {} };
      widened.properties.description.description = 'Its own documentation may change.';
      expect(compatibilityProblems(base, widened)).toEqual([
        'title: type changed from "string" to "object"',
        'the schema changed but x-schema-version stays 1.0: raise the minor (1.1)',
      ]);
    });

    it('does not strip annotation-named keys from values: enum, const and patternProperties', () => {
      const at = (value: string, version: string): JsonSchema => ({
        ...v1,
        'x-schema-version': version,
        patternProperties: { '^x_': { const: { title: value } } },
      });
      expect(compatibilityProblems(at('a', '1.0'), at('b', '1.1'))).toEqual([
        '(root): patternProperties changed from {"^x_":{"const":{"title":"a"}}} to {"^x_":{"const":{"title":"b"}}}',
      ]);
    });

    it('still ignores documentation of a property named description', () => {
      const base = next((s) => (s.properties.description = { type: 'string' }), '1.0');
      const documented = structuredClone(base) as Editable;
      documented.properties.description.description = 'Documented.';
      documented.properties.description.$comment = 'A comment.';
      expect(compatibilityProblems(base, documented)).toEqual([]);
    });
  });

  describe('subschemas at any depth', () => {
    const branchy = (version: string, extra: Record<string, JsonSchema> = {}): JsonSchema => ({
      ...v1,
      'x-schema-version': version,
      properties: {
        ...(v1.properties as Record<string, JsonSchema>),
        contact: {
          oneOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['email'],
              properties: { email: { type: 'string' }, ...extra },
            },
            { type: 'null' },
          ],
        },
        channel: {
          anyOf: [{ type: 'object', properties: { ...extra } }, { type: 'string' }],
        },
        meta: {
          allOf: [{ type: 'object', properties: { ...extra } }],
        },
        tags: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { ...extra } },
        },
        pair: { type: 'array', items: [{ type: 'object', properties: { ...extra } }] },
        owner: { $ref: '#/$defs/owner' },
      },
      $defs: { owner: { type: 'object', additionalProperties: false, properties: { ...extra } } },
      definitions: { team: { type: 'object', properties: { ...extra } } },
    });

    it('accepts an optional property added in oneOf/anyOf/allOf branches, items and $defs/definitions', () => {
      expect(
        compatibilityProblems(branchy('1.0'), branchy('1.1', { added: { type: 'string' } })),
      ).toEqual([]);
    });

    it('still requires a minor bump for it', () => {
      expect(
        compatibilityProblems(branchy('1.0'), branchy('1.0', { added: { type: 'string' } })),
      ).toEqual(['the schema changed but x-schema-version stays 1.0: raise the minor (1.1)']);
    });

    it('rejects a required property added or a type changed inside them, naming the path', () => {
      const changed = branchy('1.1', { added: { type: 'string' } });
      const props = changed.properties as Record<string, JsonSchema>;
      const contact = (props.contact.oneOf as JsonSchema[])[0];
      (contact.required as string[]).push('added');
      ((contact.properties as Record<string, JsonSchema>).email as JsonSchema).type = 'integer';
      ((changed.$defs as Record<string, JsonSchema>).owner as JsonSchema).required = ['added'];
      (props.tags.items as JsonSchema).additionalProperties = true;
      expect(compatibilityProblems(branchy('1.0'), changed)).toEqual([
        '$defs.owner.added: added as required (only optional properties may be added)',
        'contact.oneOf[0].email: type changed from "string" to "integer"',
        'contact.oneOf[0].added: added as required (only optional properties may be added)',
        'tags[]: additionalProperties changed from false to true',
      ]);
    });

    it.each<[string, (s: Record<string, JsonSchema>) => void, RegExp]>([
      [
        'a oneOf branch added',
        (p) => (p.contact.oneOf as JsonSchema[]).push({ type: 'string' }),
        /^contact\.oneOf\[2\]: branch added/,
      ],
      [
        'an anyOf branch removed',
        (p) => (p.channel.anyOf as JsonSchema[]).pop(),
        /^channel\.anyOf\[1\]: branch removed/,
      ],
      [
        'an allOf branch added',
        (p) => (p.meta.allOf as JsonSchema[]).push({ required: ['x'] }),
        /^meta\.allOf\[1\]: branch added/,
      ],
      [
        'oneOf replaced by anyOf',
        (p) => {
          p.contact.anyOf = p.contact.oneOf;
          delete p.contact.oneOf;
        },
        /^contact: anyOf changed from \(none\)/,
      ],
      [
        'a tuple item added',
        (p) => (p.pair.items as JsonSchema[]).push({ type: 'string' }),
        /^pair\[1\]: item added/,
      ],
    ])('rejects %s', (_name, change, message) => {
      const changed = branchy('1.1');
      change(changed.properties as Record<string, JsonSchema>);
      expect(compatibilityProblems(branchy('1.0'), changed)).toEqual(
        expect.arrayContaining([expect.stringMatching(message)]),
      );
    });

    it('accepts a definition added, even the first, for a new optional property', () => {
      const referring = next((s) => {
        s.properties.owner = { $ref: '#/definitions/owner' };
        s.definitions = { owner: { type: 'object', properties: { id: { type: 'string' } } } };
      });
      expect(compatibilityProblems(v1, referring)).toEqual([]);
      const without = structuredClone(referring) as Editable;
      without['x-schema-version'] = '1.2';
      delete without.definitions;
      expect(compatibilityProblems(referring, without)).toEqual([
        'definitions.owner: removed (a schema may refer to it)',
      ]);
    });

    it('treats type "string" and ["string"] as the same type, without a bump', () => {
      const listed = next((s) => {
        s.properties.leadId.type = ['string'];
        s.properties.reason.type = ['null', 'string'];
      }, '1.0');
      expect(compatibilityProblems(v1, listed)).toEqual([]);
      expect(compatibilityProblems(listed, v1)).toEqual([]);
    });
  });

  it('accepts x-ce-source being documented, but not changed', () => {
    const documented = { ...v1, 'x-ce-source': '/intake/leads' };
    expect(compatibilityProblems(v1, documented)).toEqual([]);
    expect(compatibilityProblems(documented, { ...v1, 'x-ce-source': '/intake/other' })).toEqual([
      'x-ce-source changed from "/intake/leads" to "/intake/other"',
    ]);
  });
});
