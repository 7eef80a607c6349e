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
 * Every compatibility problem in the schemas' history: for each schema file, each commit since the
 * baseline that changed it against its parent (a merge against each parent it differs from, so
 * that two branches each adding a property are not taken for one removing the other's), and the
 * working tree against HEAD. Only commits descending from the baseline count, and only parents at
 * or after it: a branch forked before the release is checked where it is merged. A schema file
 * that appears later (a new type) starts its own history; one that disappears is a problem, since
 * a released type may not. A missing baseline (a shallow clone) is a problem too, not a pass.
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
  const baselineCommit = git('rev-parse', `${baseline}^{commit}`).trim();

  // The commits since the release: descendants of the baseline that HEAD contains.
  const released = new Set([
    baselineCommit,
    ...lines(git('rev-list', '--ancestry-path', `${baselineCommit}..HEAD`)),
  ]);
  // The commits that changed `path`: --full-history keeps every side of a merge, and each merge
  // whose version differs from any of its parents.
  const changing = (path: string): string[] =>
    lines(
      git(
        'log',
        '--reverse',
        '--full-history',
        '--ancestry-path',
        '--format=%H',
        `${baselineCommit}..HEAD`,
        '--',
        path,
      ),
    );
  const files = new Set<string>([
    ...schemaFilesAt(git, baselineCommit, schemaDir),
    ...changing(schemaDir).flatMap((commit) => schemaFilesAt(git, commit, schemaDir)),
    ...workingTreeFiles(join(repoDir, schemaDir)).map((name) => `${schemaDir}/${name}`),
  ]);

  const head = git('rev-parse', 'HEAD').trim();
  const problems: string[] = [];
  for (const file of [...files].sort()) {
    // Names a version by the commit that wrote it, or by the baseline when that was earlier.
    const origin = (commit: string): string =>
      lines(git('log', '-1', '--format=%H', `${baselineCommit}..${commit}`, '--', file))[0] ??
      baselineCommit;
    for (const commit of changing(file)) {
      const after: SchemaVersion = { at: commit, text: showFile(git, commit, file) };
      for (const parent of parentsOf(git, commit).filter((p) => released.has(p))) {
        const text = showFile(git, parent, file);
        if (text === after.text) continue;
        problems.push(...pairProblems(file, { at: origin(parent), text }, after));
      }
    }
    problems.push(
      ...pairProblems(
        file,
        { at: origin(head), text: showFile(git, head, file) },
        { at: 'working tree', text: readWorkingTree(join(repoDir, file)) },
      ),
    );
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

function parentsOf(git: (...a: string[]) => string, commit: string): string[] {
  return git('show', '-s', '--format=%P', commit).trim().split(/\s+/).filter(Boolean);
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
