import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONTRACTS_BASELINE, SCHEMA_DIR, schemaHistoryProblems } from './schema-history';

const ROOT = resolve(__dirname, '../../../..');
const DIR = 'schemas';
const FILE = `${DIR}/intake.lead.example.v1.schema.json`;

function schema(version: string, properties: Record<string, object>, required = ['leadId']) {
  return {
    $id: 'https://intake.example/schemas/intake.lead.example.v1.json',
    'x-ce-type': 'intake.lead.example.v1',
    'x-schema-version': version,
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  };
}

describe('schemaHistoryProblems on a repository of its own', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.invalid',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.invalid',
      },
    }).trim();
  const write = (file: string, value: object) =>
    writeFileSync(join(repo, file), `${JSON.stringify(value, null, 2)}\n`);
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const check = (baseline: string) =>
    schemaHistoryProblems({ repoDir: repo, schemaDir: DIR, baseline });

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'schema-history-'));
    git('init', '-q');
    mkdirSync(join(repo, DIR));
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('passes additions of optional properties with a minor bump, then reports a removal and exits non-zero', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    const baseline = commit('v1 released');
    write(FILE, schema('1.1', { leadId: { type: 'string' }, channel: { type: 'string' } }));
    commit('optional channel');
    expect(check(baseline)).toEqual([]);
    expect(runner(repo, baseline).status).toBe(0);

    write(FILE, schema('1.2', { channel: { type: 'string' } }, []));
    const broken = commit('leadId removed');
    const problems = check(baseline);
    expect(problems).toEqual([
      `${FILE} (${git('rev-parse', 'HEAD~1').slice(0, 8)} → ${broken.slice(0, 8)}): leadId: removed (a rename is a removal and an addition; only optional properties may be added)`,
    ]);
    const run = runner(repo, baseline);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('leadId: removed');
  }, 60_000);

  it('checks the working tree against HEAD', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    const baseline = commit('v1 released');
    write(FILE, schema('1.0', { leadId: { type: 'string' }, channel: { type: 'string' } }));
    expect(check(baseline)).toEqual([
      `${FILE} (${baseline.slice(0, 8)} → working tree): the schema changed but x-schema-version stays 1.0: raise the minor (1.1)`,
    ]);
  });

  it('lets a new type start its own history, and refuses a released type disappearing', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    const baseline = commit('v1 released');
    const v2 = `${DIR}/intake.lead.example.v2.schema.json`;
    write(v2, schema('1.0', { ownerId: { type: 'string' } }, ['ownerId']));
    commit('a new type');
    expect(check(baseline)).toEqual([]);
    unlinkSync(join(repo, FILE));
    const removed = commit('v1 gone');
    expect(check(baseline)).toEqual([
      `${FILE} (${baseline.slice(0, 8)} → ${removed.slice(0, 8)}): removed; a released event type may not disappear (publish a new type)`,
    ]);
  });

  describe('with branches and merges', () => {
    const leadId = { type: 'string' };
    const channel = { type: 'string' };
    const source = { type: 'string' };
    /** Two branches from the baseline, each adding an optional property at 1.1. */
    const branches = () => {
      write(FILE, schema('1.0', { leadId }));
      const baseline = commit('v1 released');
      const main = git('rev-parse', '--abbrev-ref', 'HEAD');
      git('checkout', '-q', '-b', 'side');
      write(FILE, schema('1.1', { leadId, channel }));
      const side = commit('optional channel');
      git('checkout', '-q', main);
      write(FILE, schema('1.1', { leadId, source }));
      const mainline = commit('optional source');
      /** Merges `side` into the main branch, with `value` as the merged schema. */
      const merge = (value: object) => {
        git('merge', '-q', '--no-ff', '--no-commit', '-s', 'ours', 'side');
        write(FILE, value);
        return commit('merge side');
      };
      return { baseline, side, mainline, merge };
    };

    it('compares each commit with its parents, so two branches adding optional properties pass', () => {
      const { baseline, merge } = branches();
      merge(schema('1.2', { leadId, channel, source }));
      expect(check(baseline)).toEqual([]);
    });

    it('compares a merge with each parent it differs from', () => {
      const { baseline, side, mainline, merge } = branches();
      const merged = merge(schema('1.1', { leadId, channel, source }));
      const label = (parent: string) => `${FILE} (${parent.slice(0, 8)} → ${merged.slice(0, 8)})`;
      expect(check(baseline)).toEqual([
        `${label(mainline)}: the schema changed but x-schema-version stays 1.1: raise the minor (1.2)`,
        `${label(side)}: the schema changed but x-schema-version stays 1.1: raise the minor (1.2)`,
      ]);
    });

    it('reports a merge that drops a property one branch added', () => {
      const { baseline, side, merge } = branches();
      const merged = merge(schema('1.2', { leadId, source }));
      expect(check(baseline)).toEqual([
        `${FILE} (${side.slice(0, 8)} → ${merged.slice(0, 8)}): channel: removed (a rename is a removal and an addition; only optional properties may be added)`,
      ]);
    });

    it('reports an incompatible change made on a branch, and where it reached the main branch', () => {
      write(FILE, schema('1.0', { leadId }));
      const baseline = commit('v1 released');
      const main = git('rev-parse', '--abbrev-ref', 'HEAD');
      git('checkout', '-q', '-b', 'side');
      write(FILE, schema('1.1', { leadId: { type: 'integer' } }));
      const broken = commit('leadId an integer');
      git('checkout', '-q', main);
      write(`${DIR}/unrelated.txt`, {});
      commit('unrelated');
      git('merge', '-q', '--no-ff', '--no-edit', 'side');
      const merged = git('rev-parse', 'HEAD');
      expect(check(baseline)).toEqual([
        `${FILE} (${baseline.slice(0, 8)} → ${broken.slice(0, 8)}): leadId: type changed from "string" to "integer"`,
        `${FILE} (${baseline.slice(0, 8)} → ${merged.slice(0, 8)}): leadId: type changed from "string" to "integer"`,
      ]);
    });
  });

  it('does not check history before the baseline', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' }, draft: { type: 'string' } }));
    commit('pre-release');
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    const baseline = commit('v1 released');
    expect(check(baseline)).toEqual([]);
  });

  it('does not check a branch forked before the baseline against pre-release history', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' }, draft: { type: 'string' } }));
    commit('pre-release');
    const main = git('rev-parse', '--abbrev-ref', 'HEAD');
    git('checkout', '-q', '-b', 'old-draft');
    write(FILE, schema('1.0', { leadId: { type: 'string' }, draft: { type: 'integer' } }));
    commit('pre-release experiment');
    git('checkout', '-q', main);
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    const baseline = commit('v1 released');
    git('merge', '-q', '--no-ff', '--no-edit', '-s', 'ours', 'old-draft');
    expect(check(baseline)).toEqual([]);
  });

  it('fails, rather than passes, when the baseline is not there', () => {
    write(FILE, schema('1.0', { leadId: { type: 'string' } }));
    commit('v1 released');
    expect(check('0123456789abcdef0123456789abcdef01234567')).toEqual([
      'baseline commit 0123456789abcdef0123456789abcdef01234567 is not in this repository; the schemas cannot be checked against their history',
    ]);
  });
});

describe("this repository's event schemas", () => {
  it('are compatible with their history since the contracts were released, and the working tree with HEAD', () => {
    expect(
      schemaHistoryProblems({ repoDir: ROOT, schemaDir: SCHEMA_DIR, baseline: CONTRACTS_BASELINE }),
    ).toEqual([]);
  }, 60_000);
});

function runner(repo: string, baseline: string) {
  return spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      'scripts/check-event-compat.ts',
      '--repo',
      repo,
      '--schemas',
      DIR,
      '--baseline',
      baseline,
    ],
    { cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' }, encoding: 'utf8' },
  );
}
