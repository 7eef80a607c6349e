import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { BuiltProcess, productionBuild, ROOT } from './support/built-service';
import { TopicReader } from './support/kafka-reader';
import {
  consultation,
  freePort,
  leadOf,
  resetDatabase,
  testPool,
  waitUntil,
} from './support/harness';
import { testEnv, uniqueTopic } from './support/test-config';

const run = promisify(execFile);

/**
 * The service as it ships: the production build (tsc, then tsc-alias, as the Docker image is
 * built), run as its own processes on the Node.js that runs this suite. `npm test` runs it on Node 24, the
 * production image's, where the CommonJS build loads the ESM-only Nest 12, jose and uuid through
 * Node's require(esm).
 */
describe(`smoke: the built service on Node ${process.versions.node}`, () => {
  const topic = uniqueTopic();
  const processes: BuiltProcess[] = [];
  let build: Awaited<ReturnType<typeof productionBuild>>;
  let pool: Pool;
  let reader: TopicReader;
  let env: Record<string, string>;

  const start = (name: string, entry: string) =>
    processes.push(new BuiltProcess(name, build.dir, entry, env));

  const node = async (entry: string) =>
    run(process.execPath, [join(build.dir, entry)], { cwd: ROOT, env: { ...process.env, ...env } });

  beforeAll(async () => {
    // `npm test` hands over the production build it has just made (dist/); alone, the suite
    // makes its own.
    build = await productionBuild('smoke', process.env.SMOKE_BUILD);

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
    await Promise.all(processes.map((p) => p.stop()));
    await reader?.stop();
    await pool?.end();
    build?.remove();
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
    for (const child of processes) {
      const exit = await child.stop();
      expect({ name: child.name, exit, output: child.output.join('') }).toEqual({
        name: child.name,
        exit: { code: null, signal: 'SIGTERM' },
        output: '',
      });
    }
  });
});
