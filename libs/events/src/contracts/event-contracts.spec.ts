import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { schemas as asyncApiSchemas } from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import * as ts from 'typescript';
import { EVENT_TYPES } from './event-catalog';
import { EVENT_SCHEMAS } from './event-schemas';

/**
 * The schemas, the TypeScript payload types, the AsyncAPI document and the pages in docs/events
 * are four descriptions of one contract: this spec fails when any two disagree.
 */
const ROOT = resolve(__dirname, '../../../..');
const SCHEMA_DIR = join(ROOT, 'libs/events/src/schemas');
const DOCS_DIR = join(ROOT, 'docs/events');
const REGENERATE = 'run `npm run events:docs` and commit docs/events';

type JsonSchema = { [keyword: string]: unknown };
const schemaOf = (type: string) => EVENT_SCHEMAS[type as keyof typeof EVENT_SCHEMAS] as JsonSchema;

interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { messages: Array<{ $ref: string }> }>;
  components: {
    messages: Record<string, { name: string; payload: { $ref: string } }>;
    schemas: Record<string, { schema?: unknown }>;
  };
}

function asyncApiText(): string {
  return readFileSync(join(DOCS_DIR, 'asyncapi.yaml'), 'utf8');
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe('event contracts', () => {
  describe('one set of event types everywhere', () => {
    const types = sorted(EVENT_TYPES);

    it('schemas/ holds exactly one schema file per EVENT_TYPES entry, each in EVENT_SCHEMAS', () => {
      const files = readdirSync(SCHEMA_DIR)
        .filter((name) => name.endsWith('.schema.json'))
        .map((name) => name.replace(/\.schema\.json$/, ''));
      expect(sorted(files)).toEqual(types);
      expect(sorted(Object.keys(EVENT_SCHEMAS))).toEqual(types);
      for (const type of types) {
        const file = JSON.parse(readFileSync(join(SCHEMA_DIR, `${type}.schema.json`), 'utf8'));
        expect(file['x-ce-type']).toBe(type);
      }
    });

    it('the AsyncAPI document has one message per type on the topic, sent by the operation', () => {
      const doc = load(asyncApiText()) as AsyncApiDocument;
      const channel = doc.channels.leadEvents;
      expect(channel.address).toBe('intake.lead-events.v1');
      expect(sorted(Object.keys(doc.components.messages))).toEqual(types);
      expect(sorted(Object.keys(channel.messages))).toEqual(types);
      const sent = Object.values(doc.operations).flatMap((op) => op.messages.map((m) => m.$ref));
      expect(sorted(sent)).toEqual(types.map((t) => `#/channels/leadEvents/messages/${t}`));
      for (const type of types) {
        expect(doc.components.messages[type].name).toBe(type);
        expect(doc.components.schemas[type].schema).toEqual(schemaOf(type));
      }
    });

    it('docs/events has one page per type, besides its index and the AsyncAPI document', () => {
      const pages = readdirSync(DOCS_DIR).filter(
        (name) => !['README.md', 'asyncapi.yaml'].includes(name),
      );
      expect(sorted(pages)).toEqual(types.map((type) => `${type}.md`));
    });
  });

  it('docs/events is what npm run events:docs writes from the schemas now', () => {
    const out = mkdtempSync(join(tmpdir(), 'event-docs-'));
    try {
      execFileSync(
        process.execPath,
        [
          '-r',
          'ts-node/register',
          '-r',
          'tsconfig-paths/register',
          'scripts/write-event-docs.ts',
          '--out',
          out,
        ],
        { cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' }, stdio: 'pipe' },
      );
      const expected = sorted(readdirSync(out));
      expect({ files: sorted(readdirSync(DOCS_DIR)), hint: REGENERATE }).toEqual({
        files: expected,
        hint: REGENERATE,
      });
      const stale = expected.filter(
        (name) =>
          readFileSync(join(out, name), 'utf8') !== readFileSync(join(DOCS_DIR, name), 'utf8'),
      );
      expect({ stale, hint: REGENERATE }).toEqual({ stale: [], hint: REGENERATE });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('the AsyncAPI document is valid AsyncAPI 3.0.0', () => {
    // The bundled schema carries its own copy of the draft-07 meta-schema, so Ajv's must stay out.
    const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(asyncApiSchemas['3.0.0']);
    const doc = load(asyncApiText());
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...(doc as object), operations: { bad: { action: 'publish' } } })).toBe(
      false,
    );
  });

  describe('every example is valid against its schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);

    it.each(sorted(EVENT_TYPES))('%s', (type) => {
      const schema = schemaOf(type);
      const examples = schema.examples as unknown[];
      expect(examples).toHaveLength(1);
      const validate = ajv.compile(schema);
      for (const example of examples) {
        expect(validate(example) ? [] : validate.errors).toEqual([]);
        expect((example as { schemaVersion: string }).schemaVersion).toBe(
          schema['x-schema-version'],
        );
      }
    });
  });

  describe('each PublishedEvent<T> in TypeScript agrees with its JSON Schema', () => {
    const published = publishedTypeShapes();
    const mismatches = (type: string) =>
      shapeMismatches('', published.get(type)!, schemaShape(schemaOf(type)));

    it.each(sorted(EVENT_TYPES))('%s', (type) => {
      const known = (problem: string) =>
        WIDER_IN_TYPESCRIPT.has(`${type} ${problem.split(':')[0]}`) &&
        problem.includes('TypeScript allows any string');
      expect(mismatches(type).filter((problem) => !known(problem))).toEqual([]);
    });

    it('every known exception is still needed', () => {
      const unneeded = [...WIDER_IN_TYPESCRIPT.keys()].filter((entry) => {
        const [type, path] = entry.split(' ');
        return !mismatches(type).some((p) => p.startsWith(`${path}: TypeScript allows any string`));
      });
      expect(unneeded).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------- TypeScript against JSON Schema

/**
 * Plain `string` in TypeScript where the schema lists the values: the producer's domain type is
 * `string` (the value is checked against the list where it enters Intake), so the contract type
 * cannot be narrower until the domain's is. Any other disagreement fails.
 */
const WIDER_IN_TYPESCRIPT = new Set([
  'intake.lead.submitted.v1 interest',
  'intake.lead.resubmitted.v1 interest',
  'intake.lead.assigned.v1 strategy',
  'intake.followup.completed.v1 outcome',
]);

/** What both sides can say about a value: its JSON types, its allowed strings, its members. */
interface Shape {
  types: string[];
  /** Allowed string values when restricted to a set (a literal union or an enum). */
  values?: string[];
  properties?: Record<string, { required: boolean; shape: Shape }>;
  items?: Shape;
}

function shapeMismatches(path: string, ts: Shape, json: Shape): string[] {
  const at = path || '(root)';
  const problems: string[] = [];
  if (ts.types.join('|') !== json.types.join('|')) {
    problems.push(
      `${at}: TypeScript has ${ts.types.join(' | ')}, the schema ${json.types.join(' | ')}`,
    );
  }
  if ((ts.values ?? []).join('|') !== (json.values ?? []).join('|')) {
    const show = (v?: string[]) => (v ? v.join(' | ') : 'any string');
    problems.push(`${at}: TypeScript allows ${show(ts.values)}, the schema ${show(json.values)}`);
  }
  if (ts.items || json.items) {
    if (!ts.items || !json.items) problems.push(`${at}: array items described on one side only`);
    else problems.push(...shapeMismatches(`${path}[]`, ts.items, json.items));
  }
  const tsProps = ts.properties ?? {};
  const jsonProps = json.properties ?? {};
  for (const name of sorted(new Set([...Object.keys(tsProps), ...Object.keys(jsonProps)]))) {
    const child = path ? `${path}.${name}` : name;
    const [a, b] = [tsProps[name], jsonProps[name]];
    if (!a) problems.push(`${child}: in the schema, not in TypeScript`);
    else if (!b) problems.push(`${child}: in TypeScript, not in the schema`);
    else {
      if (a.required !== b.required) {
        const say = (r: boolean) => (r ? 'required' : 'optional');
        problems.push(
          `${child}: ${say(a.required)} in TypeScript, ${say(b.required)} in the schema`,
        );
      }
      problems.push(...shapeMismatches(child, a.shape, b.shape));
    }
  }
  return problems;
}

function schemaShape(schema: JsonSchema): Shape {
  const raw = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const types = sorted(new Set((raw as string[]).map((t) => (t === 'integer' ? 'number' : t))));
  const shape: Shape = { types };
  if (Array.isArray(schema.enum)) {
    shape.values = sorted(schema.enum.filter((v): v is string => typeof v === 'string'));
  }
  if (schema.items) shape.items = schemaShape(schema.items as JsonSchema);
  if (schema.properties) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    shape.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, child]) => [
        name,
        { required: required.has(name), shape: schemaShape(child) },
      ]),
    );
  }
  return shape;
}

/** `PublishedEvent<T>` for every type, read by the compiler from the real source. */
function publishedTypeShapes(): Map<string, Shape> {
  const contracts = join(ROOT, 'libs/events/src/contracts');
  const probePath = join(contracts, '__published-event-probe__.ts');
  const probe = [
    "import { PublishedEvent } from './envelope';",
    "import { EventType } from './event-catalog';",
    'export type Probe = { [K in EventType]: PublishedEvent<K> };',
  ].join('\n');
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const { getSourceFile, fileExists } = host;
  host.fileExists = (file) => file === probePath || fileExists.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    file === probePath
      ? ts.createSourceFile(file, probe, language)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([probePath], { ...options, noEmit: true }, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probePath)!;
  const errors = ts.getPreEmitDiagnostics(program, source);
  if (errors.length > 0) {
    throw new Error(
      errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'),
    );
  }
  const probeSymbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)[0];
  const probeType = checker.getDeclaredTypeOfSymbol(probeSymbol);
  const typeOf = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);

  const shapeOf = (type: ts.Type): Shape => {
    const types = new Set<string>();
    const values: string[] = [];
    let anyString = false;
    const shape: Shape = { types: [] };
    for (const part of type.isUnion() ? type.types : [type]) {
      const f = part.flags;
      if (f & ts.TypeFlags.Undefined) continue;
      if (f & ts.TypeFlags.Null) types.add('null');
      else if (part.isStringLiteral()) {
        types.add('string');
        values.push(part.value);
      } else if (f & ts.TypeFlags.String) {
        types.add('string');
        anyString = true;
      } else if (f & ts.TypeFlags.NumberLike) types.add('number');
      else if (f & ts.TypeFlags.BooleanLike) types.add('boolean');
      else if (checker.isArrayType(part)) {
        types.add('array');
        shape.items = shapeOf(checker.getTypeArguments(part as ts.TypeReference)[0]);
      } else if (f & ts.TypeFlags.Object || part.isIntersection()) {
        types.add('object');
        shape.properties = Object.fromEntries(
          checker.getPropertiesOfType(part).map((p) => [
            p.name,
            {
              required: (p.flags & ts.SymbolFlags.Optional) === 0,
              shape: shapeOf(typeOf(p)),
            },
          ]),
        );
      } else types.add(`unsupported ${checker.typeToString(part)}`);
    }
    shape.types = sorted(types);
    if (values.length > 0 && !anyString) shape.values = sorted(values);
    return shape;
  };

  return new Map(
    checker.getPropertiesOfType(probeType).map((p) => [p.name, shapeOf(typeOf(p))] as const),
  );
}
