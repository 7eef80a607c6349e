import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compatibilityProblems, JsonSchema } from './schema-compatibility';

/**
 * The commit that released the v1 contracts with their envelope: the first schemas consumers may
 * rely on. History before it was pre-release (enums grew there without new versions), so the
 * compatibility check starts here.
 */
export const CONTRACTS_BASELINE = '8ce2c017043df3d2f06a44cf83a696c0ab28dbfb';

export const SCHEMA_DIR = 'libs/events/src/schemas';

export interface SchemaHistoryOptions {
  /** The git work tree to read. */
  repoDir: string;
  /** Where the `*.schema.json` files are, relative to `repoDir`. */
  schemaDir: string;
  /** The first commit whose schemas are released; earlier history is not checked. */
  baseline: string;
}

interface SchemaVersion {
  /** A commit, or `working tree`. */
  at: string;
  /** Null where the file does not exist. */
  text: string | null;
}

/**
 * Every compatibility problem in the schemas' history: for each schema file, each version since
 * the baseline against the one before it, and the working tree against HEAD. A schema file that
 * appears later (a new type) starts its own history; one that disappears is a problem, since a
 * released type may not. A missing baseline (a shallow clone) is a problem too, not a pass.
 */
export function schemaHistoryProblems(options: SchemaHistoryOptions): string[] {
  const { repoDir, schemaDir, baseline } = options;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', repoDir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  const missing = baselineMissing(git, baseline);
  if (missing) return [missing];

  const commits = lines(
    git('log', '--reverse', '--format=%H', `${baseline}..HEAD`, '--', schemaDir),
  );
  const files = new Set<string>([
    ...schemaFilesAt(git, baseline, schemaDir),
    ...commits.flatMap((commit) => schemaFilesAt(git, commit, schemaDir)),
    ...workingTreeFiles(join(repoDir, schemaDir)).map((name) => `${schemaDir}/${name}`),
  ]);

  const problems: string[] = [];
  for (const file of [...files].sort()) {
    const touching = lines(git('log', '--reverse', '--format=%H', `${baseline}..HEAD`, '--', file));
    const versions: SchemaVersion[] = [
      { at: baseline, text: showFile(git, baseline, file) },
      ...touching.map((commit) => ({ at: commit, text: showFile(git, commit, file) })),
      { at: 'working tree', text: readWorkingTree(join(repoDir, file)) },
    ];
    for (let i = 1; i < versions.length; i += 1) {
      problems.push(...pairProblems(file, versions[i - 1], versions[i]));
    }
  }
  return problems;
}

function pairProblems(file: string, before: SchemaVersion, after: SchemaVersion): string[] {
  const label = `${file} (${short(before.at)} → ${short(after.at)})`;
  if (before.text === null) return [];
  if (after.text === null) {
    return [`${label}: removed; a released event type may not disappear (publish a new type)`];
  }
  const [previous, next] = [parse(before.text), parse(after.text)];
  if (typeof previous === 'string') return [`${label}: ${previous}`];
  if (typeof next === 'string') return [`${label}: ${next}`];
  return compatibilityProblems(previous, next).map((problem) => `${label}: ${problem}`);
}

function baselineMissing(git: (...args: string[]) => string, baseline: string): string | null {
  try {
    git('cat-file', '-e', `${baseline}^{commit}`);
  } catch {
    const shallow = safe(() => git('rev-parse', '--is-shallow-repository').trim()) === 'true';
    return (
      `baseline commit ${baseline} is not in this repository` +
      (shallow ? ' (a shallow clone: fetch the full history, git fetch --unshallow)' : '') +
      '; the schemas cannot be checked against their history'
    );
  }
  try {
    git('merge-base', '--is-ancestor', baseline, 'HEAD');
  } catch {
    return `baseline commit ${baseline} is not an ancestor of HEAD; the schemas cannot be checked against their history`;
  }
  return null;
}

function schemaFilesAt(git: (...a: string[]) => string, commit: string, dir: string): string[] {
  return lines(safe(() => git('ls-tree', '--name-only', `${commit}:${dir}`)) ?? '')
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => `${dir}/${name}`);
}

function workingTreeFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.schema.json')) : [];
}

function showFile(git: (...a: string[]) => string, commit: string, file: string): string | null {
  return safe(() => git('show', `${commit}:${file}`));
}

function readWorkingTree(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function parse(text: string): JsonSchema | string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as JsonSchema;
    }
    return 'not a JSON object';
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function short(at: string): string {
  return /^[0-9a-f]{40}$/.test(at) ? at.slice(0, 8) : at;
}
