/** A JSON Schema document or one of its subschemas, as parsed from a `*.schema.json` file. */
export type JsonSchema = { [keyword: string]: unknown };

// Keywords that only document: changing them changes no payload and no consumer's validation.
// They are keywords only where a schema is expected, never as names in `properties`, `$defs`….
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'x-when']);
// Root keywords checked on their own below rather than as part of the payload's shape.
const ROOT_METADATA = new Set(['x-schema-version', 'x-ce-type', 'x-ce-source', '$id']);
// Arrays whose order means nothing: reordering them is no change.
const UNORDERED = new Set(['required', 'enum', 'type']);
// Where the value is a subschema, a list of subschemas, or subschemas by name (draft-07).
const SCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAPS = new Set([
  '$defs',
  'definitions',
  'dependencies',
  'patternProperties',
  'properties',
]);
// Besides `properties` and `items`, the subschemas compared one by one, so that they too may gain
// optional properties: branches by position, definitions by name. Others (`not`, `if`,
// `patternProperties`, `additionalProperties`…) are compared whole.
const BRANCHES = SCHEMA_LISTS;
const DEFINITIONS = new Set(['$defs', 'definitions']);

/**
 * Why `next` may not replace `previous` as the same event type (the same `ce_type`), one line per
 * problem, each naming the property path; empty when it may.
 *
 * A published schema may only gain optional properties, at any depth (in `properties`, `items`,
 * `oneOf`/`anyOf`/`allOf` branches and `$defs`/`definitions` entries), and new definitions.
 * Anything else a consumer validating against the old schema would notice is a change of
 * contract and needs a new type (`.v2`, a new schema file): a property removed (or renamed, which
 * is a removal and an addition), added as required, made required or optional, any change to a
 * validation keyword (`type`, `format`, `enum`, `pattern`, `additionalProperties`, limits…)
 * whether it narrows or widens, since a consumer on the old schema rejects the new values, and a
 * branch or tuple item added or removed. `required` is compared as a set, whether or not its
 * names are among the properties; `type: "string"` is `type: ["string"]`. Documentation
 * (`description`, `title`, `examples`, `$comment`, `x-when`) may change freely wherever a schema
 * is expected, but those are plain names inside `properties`, `$defs` and the like. When the
 * shape changed at all, `x-schema-version` must raise its minor and keep its major.
 */
export function compatibilityProblems(previous: JsonSchema, next: JsonSchema): string[] {
  const problems: string[] = [];
  for (const keyword of ['x-ce-type', '$id'] as const) {
    if (previous[keyword] !== next[keyword]) {
      problems.push(`${keyword} changed from ${show(previous[keyword])} to ${show(next[keyword])}`);
    }
  }
  // ce_source was documented later than the v1 schemas were released: adding it is documentation.
  if (previous['x-ce-source'] !== undefined && previous['x-ce-source'] !== next['x-ce-source']) {
    problems.push(
      `x-ce-source changed from ${show(previous['x-ce-source'])} to ${show(next['x-ce-source'])}`,
    );
  }
  compareNode('', previous, next, problems);
  problems.push(...versionProblems(previous, next));
  return problems;
}

function versionProblems(previous: JsonSchema, next: JsonSchema): string[] {
  const before = parseVersion(previous['x-schema-version']);
  const after = parseVersion(next['x-schema-version']);
  if (!before || !after) {
    return [
      `x-schema-version must be "major.minor": was ${show(previous['x-schema-version'])}, is ${show(next['x-schema-version'])}`,
    ];
  }
  const [fromText, toText] = [previous['x-schema-version'], next['x-schema-version']];
  if (after.major !== before.major) {
    return [
      `x-schema-version major changed from ${fromText} to ${toText}: a new major is a new event type (a new .v${after.major} schema file), not a change to this one`,
    ];
  }
  if (after.minor < before.minor)
    return [`x-schema-version went down from ${fromText} to ${toText}`];
  if (after.minor === before.minor && shapeChanged(previous, next)) {
    return [
      `the schema changed but x-schema-version stays ${toText}: raise the minor (${before.major}.${before.minor + 1})`,
    ];
  }
  return [];
}

/** Whether anything besides documentation changed, compatible or not. */
export function shapeChanged(previous: JsonSchema, next: JsonSchema): boolean {
  return canonical(shape(previous, true)) !== canonical(shape(next, true));
}

/** Compares two schemas at `path`: a schema position, where keywords are keywords. */
function compareNode(path: string, previous: unknown, next: unknown, problems: string[]): void {
  if (!isObject(previous) || !isObject(next)) {
    // Boolean schemas, or a schema where there was none: compare them whole.
    if (canonical(shape(previous)) !== canonical(shape(next))) {
      problems.push(
        `${where(path)}: changed from ${show(shape(previous))} to ${show(shape(next))}`,
      );
    }
    return;
  }
  const keywords = new Set([...Object.keys(previous), ...Object.keys(next)]);
  for (const keyword of [...keywords].sort()) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    if (path === '' && ROOT_METADATA.has(keyword)) continue;
    if (keyword === 'properties' || keyword === 'required') continue;
    const [oldValue, newValue] = [previous[keyword], next[keyword]];
    if (keyword === 'items' && isObject(oldValue) && isObject(newValue)) {
      compareNode(`${path}[]`, oldValue, newValue, problems);
      continue;
    }
    if (keyword === 'items' && Array.isArray(oldValue) && Array.isArray(newValue)) {
      compareList(oldValue, newValue, (i) => `${path}[${i}]`, 'item', problems);
      continue;
    }
    if (BRANCHES.has(keyword) && Array.isArray(oldValue) && Array.isArray(newValue)) {
      compareList(oldValue, newValue, (i) => `${child(path, keyword)}[${i}]`, 'branch', problems);
      continue;
    }
    if (DEFINITIONS.has(keyword) && isMap(oldValue) && isMap(newValue)) {
      // A definition validates nothing until referred to: one may be added, with its keyword too.
      const [before, after] = [oldValue ?? {}, newValue ?? {}];
      for (const name of Object.keys(before).sort()) {
        const at = child(child(path, keyword), name);
        if (name in after) compareNode(at, before[name], after[name], problems);
        else problems.push(`${at}: removed (a schema may refer to it)`);
      }
      continue;
    }
    const [before, after] = [normalized(keyword, oldValue), normalized(keyword, newValue)];
    if (canonical(comparable(keyword, before)) === canonical(comparable(keyword, after))) continue;
    problems.push(`${where(path)}: ${describeChange(keyword, before, after)}`);
  }
  compareProperties(path, previous, next, problems);
}

/** Subschemas by position: each compared with its counterpart; one added or removed is a change. */
function compareList(
  previous: unknown[],
  next: unknown[],
  at: (index: number) => string,
  what: 'item' | 'branch',
  problems: string[],
): void {
  for (let i = 0; i < Math.max(previous.length, next.length); i += 1) {
    if (i >= next.length) problems.push(`${at(i)}: ${what} removed`);
    else if (i >= previous.length) problems.push(`${at(i)}: ${what} added`);
    else compareNode(at(i), previous[i], next[i], problems);
  }
}

function compareProperties(
  path: string,
  previous: JsonSchema,
  next: JsonSchema,
  problems: string[],
): void {
  const [oldProps, newProps] = [propertiesOf(previous), propertiesOf(next)];
  const [oldRequired, newRequired] = [requiredOf(previous), requiredOf(next)];
  for (const name of Object.keys(oldProps).sort()) {
    if (name in newProps) {
      compareNode(child(path, name), oldProps[name], newProps[name], problems);
    } else {
      problems.push(
        `${child(path, name)}: removed (a rename is a removal and an addition; only optional properties may be added)`,
      );
    }
  }
  // `required` on its own, whether or not its names are among the properties.
  for (const name of [...oldRequired].sort()) {
    if (newRequired.has(name)) continue;
    // A required property removed is reported as removed.
    if (name in oldProps && !(name in newProps)) continue;
    problems.push(`${child(path, name)}: was required, is now optional`);
  }
  for (const name of [...newRequired].sort()) {
    if (oldRequired.has(name)) continue;
    problems.push(
      name in oldProps
        ? `${child(path, name)}: was optional, is now required`
        : `${child(path, name)}: added as required (only optional properties may be added)`,
    );
  }
}

function describeChange(keyword: string, before: unknown, after: unknown): string {
  if (keyword === 'enum' && Array.isArray(before) && Array.isArray(after)) {
    const added = after.filter((v) => !before.some((b) => canonical(b) === canonical(v)));
    const removed = before.filter((v) => !after.some((a) => canonical(a) === canonical(v)));
    const parts = [
      added.length ? `added ${added.map(show).join(', ')}` : '',
      removed.length ? `removed ${removed.map(show).join(', ')}` : '',
    ].filter(Boolean);
    return `enum changed (${parts.join('; ')}): consumers on the old schema reject new values`;
  }
  if (keyword === 'type') return `type changed from ${showType(before)} to ${showType(after)}`;
  return `${keyword} changed from ${show(before)} to ${show(after)}`;
}

/**
 * The schema without documentation, with unordered lists sorted and `type` as a list; with
 * `root`, without the version annotations too. `value` is at a schema position: its keys are
 * keywords, and only the values of the keywords that hold subschemas are schemas in turn.
 */
function shape(value: unknown, root = false): unknown {
  if (!isObject(value)) return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    if (ANNOTATIONS.has(key)) continue;
    if (root && (key === 'x-schema-version' || key === 'x-ce-source')) continue;
    out[key] = comparable(key, normalized(key, child));
  }
  return out;
}

/** A keyword's value with its subschemas shaped, and sorted where order means nothing. */
function normalized(keyword: string, value: unknown): unknown {
  if (SCHEMA_KEYWORDS.has(keyword)) {
    return Array.isArray(value) ? value.map((v) => shape(v)) : shape(value);
  }
  if (SCHEMA_LISTS.has(keyword)) return Array.isArray(value) ? value.map((v) => shape(v)) : value;
  // A `dependencies` entry is a subschema or a list of property names.
  if (SCHEMA_MAPS.has(keyword)) return mapValues(value, (v) => shape(v));
  if (!UNORDERED.has(keyword) || !Array.isArray(value)) return value;
  return [...value].sort((a, b) => canonical(a).localeCompare(canonical(b)));
}

/** What is compared: `type: "string"` is `type: ["string"]`. */
function comparable(keyword: string, value: unknown): unknown {
  return keyword === 'type' && typeof value === 'string' ? [value] : value;
}

/** JSON with sorted keys, so that two equal values give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function parseVersion(value: unknown): { major: number; minor: number } | null {
  const match = typeof value === 'string' ? /^(\d+)\.(\d+)$/.exec(value) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return isObject(schema.properties) ? schema.properties : {};
}

function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
}

function mapValues(value: unknown, f: (v: unknown) => unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v)]));
}

function isMap(value: unknown): value is JsonSchema | undefined {
  return value === undefined || isObject(value);
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function where(path: string): string {
  return path === '' ? '(root)' : path;
}

function showType(type: unknown): string {
  return Array.isArray(type) ? type.join(' | ') : show(type);
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
