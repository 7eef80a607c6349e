/** What the benchmark scripts share: env settings, the build, child processes, the database. */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { issueApiKey } from '@intake/access';
import {
  dataSourceOptions,
  ensureDatabase,
  postgresConnection,
  runMigrations,
} from '@intake/platform';

export const ROOT = join(__dirname, '..');

/** A numeric setting from the environment, or its default. */
export function positive(name: string, fallback: number, zeroOk = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!zeroOk && value === 0)) {
    throw new Error(`${name} must be a ${zeroOk ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What went wrong in a run; a run with any problem is reported FAILED. */
export const problems: string[] = [];
const logDir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
export const children: Child[] = [];

/** Newest mtime of the sources the build reads. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|mts|css|html|json)$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Rebuilds dist/ when a source (apps, the console among them, libs, scripts) is newer than any
 * of `entries` (BENCH_SKIP_BUILD=1 skips the check).
 */
export function buildIfStale(
  entries = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'],
): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  let built = Infinity;
  try {
    for (const entry of entries) built = Math.min(built, statSync(join(ROOT, entry)).mtimeMs);
  } catch {
    built = 0;
  }
  const sources = Math.max(
    newestSource(join(ROOT, 'apps')),
    newestSource(join(ROOT, 'libs')),
    newestSource(join(ROOT, 'scripts')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map(
      (f) => statSync(join(ROOT, f)).mtimeMs,
    ),
  );
  if (built > sources) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
}

export function freePort(preferred: number): Promise<number> {
  const attempt = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  return attempt(preferred).catch(() => attempt(0));
}

export interface Child {
  name: string;
  proc: ChildProcess;
  log: string;
  exit: Promise<number | null>;
  exited: boolean;
}

export function startChild(name: string, entry: string, env: Record<string, string>): Child {
  const log = join(logDir, `${name}.log`);
  const fd = openSync(log, 'a');
  const proc = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const child: Child = { name, proc, log, exited: false, exit: Promise.resolve(null) };
  child.exit = new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      child.exited = true;
      resolve(code ?? (signal ? null : 0));
    }),
  );
  children.push(child);
  return child;
}

export function tail(child: Child, lines = 20): string {
  try {
    return readFileSync(child.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function stopChild(child: Child): Promise<void> {
  if (child.exited) return;
  child.proc.kill('SIGTERM');
  const timeout = sleep(20_000).then(() => 'timeout' as const);
  if ((await Promise.race([child.exit, timeout])) === 'timeout') {
    problems.push(`${child.name} did not stop within 20 s of SIGTERM; killed`);
    child.proc.kill('SIGKILL');
    await child.exit;
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all(children.map(stopChild));
}

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const child of children) {
      if (child.exited)
        throw new Error(`${child.name} exited while waiting for ${what}:\n${tail(child)}`);
    }
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Creates and migrates a benchmark database; refuses any whose name lacks "bench". */
export async function migrateBenchDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes('bench')) throw new Error(`refusing to use database "${name}" (no "bench")`);
  await ensureDatabase(postgresConnection({ DATABASE_URL: url }));
  const dataSource = new DataSource({
    ...dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }, 'intake-bench-migrate'),
    entities: [],
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The p-th percentile of ascending values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Same as the local scripts: the project's broker unless KAFKA_BROKERS points elsewhere. */
export function ensureBroker(brokers: string): void {
  if (!/^(127\.0\.0\.1|localhost):9092$/.test(brokers)) return;
  const run = spawnSync('bash', [join(ROOT, 'docker/kafka/broker.sh'), 'start'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`Kafka broker not available:\n${run.stderr}`);
}

/**
 * One JSON post to a form's intake endpoint, timed from the first byte sent to the last one
 * read: through `agent`'s connections, or on a new connection from `localAddress`.
 */
export function postSubmission(
  port: number,
  formKey: string,
  payload: string,
  via: { agent: Agent } | { localAddress: string },
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1/forms/${formKey}/submissions`,
        ...via,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The built api alone on `databaseUrl`, on `preferredPort` or a free one, once ready; `env` adds
 * to (or overrides) its settings.
 */
export async function startApiAlone(
  databaseUrl: string,
  preferredPort: number,
  env: Record<string, string> = {},
): Promise<number> {
  const port = await freePort(preferredPort);
  startChild('api', 'dist/apps/api/src/main.js', {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
  await waitFor('the API to be ready', 60_000, async () =>
    (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok ? true : null,
  );
  return port;
}

/**
 * An admin and an API key for the run, written straight into the tables (before any API is up,
 * or so the bench needs no CLI): its `Authorization` header value.
 */
export async function benchAdminAuth(pool: Pool, name = 'Bench admin'): Promise<string> {
  const staffId = randomUUID();
  const key = issueApiKey();
  await pool.query(
    `INSERT INTO staff (id, name, role, active, created_at, updated_at)
     VALUES ($1, $2, 'admin', true, now(), now())`,
    [staffId, name],
  );
  await pool.query(
    `INSERT INTO api_keys (id, staff_id, name, prefix, secret_hash, created_at)
     VALUES ($1, $2, 'bench', $3, $4, now())`,
    [randomUUID(), staffId, key.prefix, key.hash],
  );
  return `Bearer ${key.plaintext}`;
}

/**
 * CPU time (user + system, children that ended included) of the processes on a benchmark's
 * path, read from /proc: the benchmark's children with their own children, the Kafka broker,
 * and every PostgreSQL process (the postmaster's child time holds the backends that ended). As
 * bench/compare.sh reads it; divided by the accepted requests, it shows a regression even when
 * the machine is too noisy for throughput to.
 */
export function cpuSample(extraPids: number[] = []): Record<string, number> {
  const ticksOf = (pid: number): number => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    } catch {
      return 0; // gone since it was listed
    }
  };
  const childrenOf = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const tree = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap(tree)];
  const byName = (name: string): number[] =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      });
  const broker = Number(readFileIfExists(join(ROOT, '.local/kafka/broker.pid')) ?? 0);
  const parts: Record<string, number[]> = {
    ...Object.fromEntries(children.map((c) => [c.name, tree(c.proc.pid ?? 0)])),
    kafka: broker > 0 ? [broker] : [],
    postgres: byName('postgres'),
    ...(extraPids.length > 0 ? { other: extraPids.flatMap(tree) } : {}),
  };
  const hz = 100; // CLK_TCK on Linux
  return Object.fromEntries(
    Object.entries(parts).map(([part, pids]) => [
      part,
      (pids.reduce((sum, pid) => sum + ticksOf(pid), 0) * 1000) / hz,
    ]),
  );
}

/** CPU-ms per accepted request between two `cpuSample`s, in total and by part. */
export function cpuPerAccepted(
  before: Record<string, number>,
  after: Record<string, number>,
  accepted: number,
): { cpuMsPerAccepted: number | null; cpuMsPerAcceptedByPart: Record<string, number | null> } {
  const per = (ms: number) => (accepted > 0 ? round(ms / accepted, 2) : null);
  const byPart = Object.fromEntries(
    Object.keys(after).map((k) => [k, per(after[k]! - (before[k] ?? 0))]),
  );
  const total = Object.keys(after).reduce((sum, k) => sum + after[k]! - (before[k] ?? 0), 0);
  return { cpuMsPerAccepted: per(total), cpuMsPerAcceptedByPart: byPart };
}

function readFileIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
