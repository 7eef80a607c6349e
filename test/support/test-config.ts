import { randomUUID } from 'node:crypto';

/** The database the run is named after; each jest worker has its own copy (`…_w1`, `…_w2`). */
export const TEST_DATABASE_BASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/intake_test';

/** Jest's worker number in a worker process ("1" when the suites run in band). */
const WORKER = process.env.JEST_WORKER_ID ?? '1';

/**
 * A worker's database: suites empty and fill their database as they go, so two suites running
 * at once (jest's workers) must never share one. The global setup builds one per worker.
 */
export function workerDatabaseUrl(worker: string | number, base = TEST_DATABASE_BASE_URL): string {
  const url = new URL(base);
  url.pathname = `${url.pathname}_w${worker}`;
  return url.toString();
}

export const TEST_DATABASE_URL = workerDatabaseUrl(WORKER);
export const TEST_KAFKA_BROKERS = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';

/** A topic of its own for each suite, so runs never read each other's events. */
export function uniqueTopic(): string {
  return `intake.test.${randomUUID().slice(0, 8)}.v1`;
}

/** Field encryption's keys in every app the suites start (and in test/support/sealed-rows.ts). */
export const TEST_PRIVACY_ENV = {
  PRIVACY_KEYS: `test1:${Buffer.alloc(32, 'intake-test-key-encryption-key').toString('base64')}`,
  PRIVACY_ACTIVE_KEY_ID: 'test1',
  PRIVACY_INDEX_KEY: 'intake-test-blind-index-key-not-for-use',
};

/** The environment the api and worker are configured from in tests. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    KAFKA_CLIENT_ID: 'intake-test',
    KAFKA_TOPIC: 'intake.test.unused.v1',
    KAFKA_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RELAY_POLL_INTERVAL_MS: '250',
    RELAY_MAX_BACKOFF_MS: '2000',
    IP_HASH_SECRET: 'test-secret-for-ip-hashes',
    // Not the development keys, so an app a suite starts with NODE_ENV=production accepts them.
    ...TEST_PRIVACY_ENV,
    // Any free port: suites start many apps at once, beside other runs on the machine.
    METRICS_PORT: '0',
    // Consumer groups of this worker's own: a group is shared by every process that names it,
    // and two suites at once must not be rebalanced against each other's topics.
    NOTIFICATIONS_CONSUMER_GROUP: `intake-notifications-test-w${WORKER}`,
    ANALYTICS_GROUP_ID: `intake-analytics-test-w${WORKER}`,
    ...overrides,
  };
}
