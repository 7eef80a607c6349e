/** A JSON Schema document or one of its subschemas, as parsed from a `*.schema.json` file. */
export type JsonSchema = { [keyword: string]: unknown };

// Keywords that only document: changing them changes no payload and no consumer's validation.
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'x-when']);
// Root keywords checked on their own below rather than as part of the payload's shape.
const ROOT_METADATA = new Set(['x-schema-version', 'x-ce-type', 'x-ce-source', '$id']);
// Arrays whose order means nothing: reordering them is no change.
const UNORDERED = new Set(['required', 'enum', 'type']);

/**
 * Why `next` may not replace `previous` as the same event type (the same `ce_type`), one line per
 * problem, each naming the property path; empty when it may.
 *
 * A published schema may only gain optional properties, at any depth. Anything else a consumer
 * validating against the old schema would notice is a change of contract and needs a new type
 * (`.v2`, a new schema file): a property removed (or renamed, which is a removal and an
 * addition), added as required, made required or optional, or any change to a validation
 * keyword (`type`, `format`, `enum`, `pattern`, `additionalProperties`, limits…) whether it
 * narrows or widens, since a consumer on the old schema rejects the new values. Documentation
 * (`description`, `title`, `examples`, `x-when`) may change freely. When the shape changed at all,
 * `x-schema-version` must raise its minor and keep its major.
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

function compareNode(path: string, previous: unknown, next: unknown, problems: string[]): void {
  if (!isObject(previous) || !isObject(next)) {
    if (canonical(previous) !== canonical(next)) {
      problems.push(`${where(path)}: changed from ${show(previous)} to ${show(next)}`);
    }
    return;
  }
  const keywords = new Set([...Object.keys(previous), ...Object.keys(next)]);
  for (const keyword of [...keywords].sort()) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    if (path === '' && ROOT_METADATA.has(keyword)) continue;
    if (keyword === 'properties' || keyword === 'required') continue;
    if (keyword === 'items') {
      compareNode(`${path}[]`, previous.items, next.items, problems);
      continue;
    }
    const [before, after] = [previous[keyword], next[keyword]].map((v) => normalized(keyword, v));
    if (canonical(before) === canonical(after)) continue;
    problems.push(`${where(path)}: ${describeChange(keyword, before, after)}`);
  }
  compareProperties(path, previous, next, problems);
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
    const child = path === '' ? name : `${path}.${name}`;
    if (!(name in newProps)) {
      problems.push(
        `${child}: removed (a rename is a removal and an addition; only optional properties may be added)`,
      );
      continue;
    }
    if (oldRequired.has(name) && !newRequired.has(name)) {
      problems.push(`${child}: was required, is now optional`);
    }
    if (!oldRequired.has(name) && newRequired.has(name)) {
      problems.push(`${child}: was optional, is now required`);
    }
    compareNode(child, oldProps[name], newProps[name], problems);
  }
  for (const name of Object.keys(newProps).sort()) {
    if (!(name in oldProps) && newRequired.has(name)) {
      const child = path === '' ? name : `${path}.${name}`;
      problems.push(`${child}: added as required (only optional properties may be added)`);
    }
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

/** The schema without documentation; with `root`, without the version annotations too. */
function shape(value: unknown, root = false): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(v));
  if (!isObject(value)) return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    if (ANNOTATIONS.has(key)) continue;
    if (root && (key === 'x-schema-version' || key === 'x-ce-source')) continue;
    out[key] = key === 'properties' ? mapValues(child, (v) => shape(v)) : normalized(key, child);
  }
  return out;
}

function normalized(keyword: string, value: unknown): unknown {
  const shaped = shape(value);
  if (!UNORDERED.has(keyword) || !Array.isArray(shaped)) return shaped;
  return [...shaped].sort((a, b) => canonical(a).localeCompare(canonical(b)));
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

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
