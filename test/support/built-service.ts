import { ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * The production build (tsc, then tsc-alias, as the Docker image is built) for a suite that runs
 * the service as its own processes: `prebuilt` when given (`npm test` hands over the dist/ it has
 * just made), else one made for the suite in .local/<name>/, which `remove` deletes.
 */
export async function productionBuild(
  name: string,
  prebuilt: string | undefined,
): Promise<{ dir: string; remove(): void }> {
  if (prebuilt) return { dir: prebuilt, remove: () => undefined };
  const dir = join(ROOT, '.local', name, `node-${process.versions.node}`);
  rmSync(dir, { recursive: true, force: true });
  const build = ['-p', 'tsconfig.build.json', '--outDir', dir];
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), ...build], { cwd: ROOT });
  await run(process.execPath, [require.resolve('tsc-alias/dist/bin/index.js'), ...build], {
    cwd: ROOT,
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** One built app run as a process on this Node.js, its output (stdout and stderr) kept. */
export class BuiltProcess {
  readonly output: string[] = [];
  readonly child: ChildProcess;

  constructor(
    readonly name: string,
    dir: string,
    entry: string,
    env: Record<string, string>,
  ) {
    // As the image runs it (docker/Dockerfile: kafkajs's harmless negative timer on Node 24).
    const flags = ['--disable-warning=TimeoutNegativeWarning'];
    this.child = spawn(process.execPath, [...flags, join(dir, entry)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    this.child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
  }

  /** SIGTERM (Nest's shutdown hooks close the app, then re-raise it); how it ended. */
  stop(): Promise<Exit> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    }
    return new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.kill('SIGTERM');
    });
  }
}

/**
 * A running api's admin endpoints over HTTP, with an API key's `Authorization` value: the JSON
 * answer (null when empty); throws on anything but 2xx.
 */
export function adminApi(base: string, auth: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}
