import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { createKafka } from '@intake/events';
import { freePorts } from './harness';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '..', '..', 'docker/kafka/cluster.sh');

export interface KafkaCluster {
  /** `host:port,host:port,host:port`, for KAFKA_BROKERS. */
  brokers: string;
  /** A client of the whole cluster, for the test's own looks at it. */
  kafka: Kafka;
  /** SIGKILL node `id` (1–3): a crash, no controlled shutdown. */
  kill(id: number): Promise<void>;
  /** Start node `id` again, and wait until it serves. */
  startOne(id: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throwaway 3-broker KRaft cluster of its own (docker/kafka/cluster.sh) on free ports, its data
 * in a temporary folder; the shared broker is never touched.
 */
export async function startKafkaCluster(): Promise<KafkaCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-kafka-cluster-'));
  const ports = await freePorts(6);
  const env = {
    ...process.env,
    KAFKA_CLUSTER_DIR: dir,
    KAFKA_CLUSTER_PORTS: ports.slice(0, 3).join(','),
    KAFKA_CLUSTER_CONTROLLER_PORTS: ports.slice(3).join(','),
  };
  const cluster = (...args: string[]) =>
    run('bash', [SCRIPT, ...args], { env, timeout: 120_000 }).then(() => undefined);
  const stop = async () => {
    await cluster('stop').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await cluster('start');
  } catch (error) {
    await stop();
    throw error;
  }
  const brokers = ports
    .slice(0, 3)
    .map((port) => `127.0.0.1:${port}`)
    .join(',');
  return {
    brokers,
    kafka: createKafka(
      { clientId: 'intake-test-cluster', brokers: brokers.split(',') },
      { logLevel: logLevel.NOTHING },
    ),
    kill: (id) => cluster('kill', String(id)),
    startOne: (id) => cluster('start-one', String(id)),
    stop,
  };
}
