import { ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { TopicReader } from './support/kafka-reader';
import { consultation, leadOf, resetDatabase, testPool, waitUntil } from './support/harness';
import { testEnv, uniqueTopic } from './support/test-config';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * The service as it ships: the production build (tsc, then tsc-alias, as the Docker image is
 * built), run as its own processes on the Node.js that runs this suite. `npm test` runs it on Node 24, the
 * production image's, where the CommonJS build loads the ESM-only Nest 12, jose and uuid through
 * Node's require(esm).
 */
describe(`smoke: the built service on Node ${process.versions.node}`, () => {
  // `npm test` hands over the production build it has just made (dist/); alone, the suite makes
  // its own.
  const prebuilt = process.env.SMOKE_BUILD;
  const out = prebuilt ?? join(ROOT, '.local', 'smoke', `node-${process.versions.node}`);
  const topic = uniqueTopic();
  const processes: { name: string; child: ChildProcess; output: string[] }[] = [];
  let pool: Pool;
  let reader: TopicReader;
  let env: Record<string, string>;

  const start = (name: string, entry: string) => {
    // As the image runs it (docker/Dockerfile: kafkajs's harmless negative timer on Node 24).
    const flags = ['--disable-warning=TimeoutNegativeWarning'];
    const child = spawn(process.execPath, [...flags, join(out, entry)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout!.on('data', (chunk) => output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    processes.push({ name, child, output });
    return child;
  };

  const node = async (entry: string) =>
    run(process.execPath, [join(out, entry)], { cwd: ROOT, env: { ...process.env, ...env } });

  beforeAll(async () => {
    if (!prebuilt) {
      rmSync(out, { recursive: true, force: true });
      const build = ['-p', 'tsconfig.build.json', '--outDir', out];
      await run(process.execPath, [require.resolve('typescript/bin/tsc'), ...build], {
        cwd: ROOT,
      });
      await run(process.execPath, [require.resolve('tsc-alias/dist/bin/index.js'), ...build], {
        cwd: ROOT,
      });
    }

    pool = testPool();
    await resetDatabase(pool);
    env = testEnv({
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      KAFKA_TOPIC: topic,
      LOG_LEVEL: 'error',
    });
    await node('scripts/seed-demo.js');
    reader = await new TopicReader(topic).start();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map(({ child }) => stopped(child)));
    await reader?.stop();
    await pool?.end();
    if (!prebuilt) rmSync(out, { recursive: true, force: true });
  });

  it('takes a form post, publishes lead.submitted on the topic, and stops on SIGTERM, logging no error', async () => {
    start('api', 'apps/api/src/main.js');
    start('worker', 'apps/worker/src/main.js');
    const base = `http://127.0.0.1:${env.PORT}`;
    await waitUntil(
      async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok,
      30_000,
      'the api to be ready',
    );

    const response = await fetch(`${base}/v1/forms/consultation/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(consultation()),
    });
    expect(response.status).toBe(201);
    const { submissionId } = (await response.json()) as { submissionId: string };
    const leadId = await leadOf(pool, submissionId);

    const record = await waitUntil(
      async () =>
        reader.records.find(
          (r) => r.key === leadId && r.headers.ce_type === 'intake.lead.submitted.v1',
        ),
      30_000,
      'lead.submitted on the topic',
    );
    expect(record.value).toMatchObject({ leadId, sequence: 1, schemaVersion: '1.0' });

    // Nest's shutdown hooks close the app, then re-raise the signal.
    // Nothing at level error or above was logged, from start to exit.
    for (const { name, child, output } of processes) {
      const exit = await stopped(child);
      expect({ name, exit, output: output.join('') }).toEqual({
        name,
        exit: { code: null, signal: 'SIGTERM' },
        output: '',
      });
    }
  });
});

type Exit = { code: number | null; signal: NodeJS.Signals | null };

function stopped(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
