import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createKafka, KafkaClientSettings, kafkaConnection } from '@intake/events';
import {
  DatabaseConfig,
  dataSourceOptions,
  ensureDatabase,
  KafkaConfig,
  loadConfig,
  postgresConnection,
} from '@intake/platform';
import {
  consultation,
  createForm,
  leadOf,
  resetDatabase,
  startApi,
  startWorker,
  testPool,
} from './support/harness';
import { TopicReader } from './support/kafka-reader';
import { outboxDrained } from './support/probes';
import { uniqueTopic } from './support/test-config';
import { startTlsKafka, startTlsPostgres, TlsKafka, TlsPostgres } from './support/tls-servers';

const ENDPOINT = '/v1/forms/consultation/submissions';
/** A client that is refused must say so at once, not after kafkajs's retries. */
const FAIL_FAST: KafkaClientSettings = {
  logLevel: logLevel.NOTHING,
  connectionTimeout: 3_000,
  requestTimeout: 5_000,
  retry: { retries: 0 },
};

/** A Kafka client exactly as the services make one, from these variables. */
function kafkaFrom(env: Record<string, string>, settings = FAIL_FAST) {
  return createKafka(kafkaConnection(loadConfig(KafkaConfig, env), 'intake-test-tls'), settings);
}

/** Connects an admin client and lists the topics: it either gets through or throws. */
async function reach(env: Record<string, string>): Promise<string[]> {
  const admin = kafkaFrom(env).admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describe('encryption in transit: Kafka over TLS with SCRAM or client certificates', () => {
  let broker: TlsKafka;
  let sasl: Record<string, string>;
  let pool: Pool;
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    broker = await startTlsKafka();
    sasl = {
      KAFKA_BROKERS: broker.saslBrokers,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: broker.password,
    };
    pool = testPool();
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await worker?.close();
    await api?.close();
    await pool?.end();
    await broker?.stop();
  }, 60_000);

  it("a form post's event reaches the topic through the relay over SASL_SSL, as configured", async () => {
    await resetDatabase(pool);
    api = await startApi(sasl);
    await createForm(api);
    const topic = uniqueTopic();
    reader = await new TopicReader(
      topic,
      3,
      kafkaFrom(sasl, { logLevel: logLevel.NOTHING }),
    ).start();
    worker = (await startWorker({ ...sasl, KAFKA_TOPIC: topic }, true)).context;

    const posted = await request(api.getHttpServer()).post(ENDPOINT).send(consultation());
    expect(posted.status).toBe(201);
    const [record] = await reader.waitForCount(1);
    expect(record!.headers.ce_type).toBe('intake.lead.submitted.v1');
    expect(record!.key).toBe(await leadOf(pool, posted));
    await outboxDrained(pool);
    // The api's readiness probe reaches the same broker through the same factory.
    const ready = await request(api.getHttpServer()).get('/health/ready');
    expect(ready.body.checks.kafka).toBe('up');
  });

  it('refuses a client without TLS, with a wrong password, or that does not trust the CA', async () => {
    // The control: the configured client gets through, so each refusal below is the broker's.
    await expect(reach(sasl)).resolves.toEqual(expect.any(Array));
    await expect(reach({ KAFKA_BROKERS: broker.saslBrokers })).rejects.toThrow();
    await expect(reach({ ...sasl, KAFKA_SASL_PASSWORD: 'not-the-password' })).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    const { KAFKA_SSL_CA_FILE: _trusted, ...systemCas } = sasl;
    await expect(reach(systemCas)).rejects.toThrow(/self[- ]signed|unable to verify|issuer/i);
    // TLS alone is not enough on the SASL listener.
    await expect(
      reach({
        KAFKA_BROKERS: broker.saslBrokers,
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: broker.caFile,
      }),
    ).rejects.toThrow();
  });

  it('publishes over the SSL listener with a client certificate, and is refused without one', async () => {
    const mtls = {
      KAFKA_BROKERS: broker.mtlsBrokers,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.caFile,
      KAFKA_SSL_CERT_FILE: broker.clientCertFile,
      KAFKA_SSL_KEY_FILE: broker.clientKeyFile,
    };
    const kafka = kafkaFrom(mtls, { logLevel: logLevel.NOTHING });
    const topic = uniqueTopic();
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
      const [partition] = await admin.fetchTopicOffsets(topic);
      expect(partition!.high).toBe('1');
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    const { KAFKA_SSL_CERT_FILE: _cert, KAFKA_SSL_KEY_FILE: _key, ...noCertificate } = mtls;
    await expect(reach(noCertificate)).rejects.toThrow();
  });
});

describe('encryption in transit: Postgres with sslmode', () => {
  let server: TlsPostgres;

  beforeAll(async () => {
    server = await startTlsPostgres();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  /** The session's own row of pg_stat_ssl, through a client made as the relay makes its own. */
  async function sslOfSession(env: Record<string, string>) {
    const client = new Client(postgresConnection(loadConfig(DatabaseConfig, env)));
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: boolean; version: string | null }>(
        'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  it("require: the app's data source and migrations connect encrypted, the certificate unchecked", async () => {
    const config = loadConfig(DatabaseConfig, {
      DATABASE_URL: server.url('127.0.0.1', 'sslmode=require', 'intake_tls_test'),
    });
    // What `npm run migration:run` does first, then the services' own data source.
    await expect(ensureDatabase(postgresConnection(config))).resolves.toBe('intake_tls_test');
    const dataSource = new DataSource({
      ...dataSourceOptions(config, 'intake-test-tls'),
      entities: [],
    });
    await dataSource.initialize();
    try {
      const [row] = await dataSource.query(
        'SELECT s.ssl, s.version, current_database() AS db FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()',
      );
      expect(row).toEqual({
        ssl: true,
        version: expect.stringMatching(/^TLSv1\.[23]$/),
        db: 'intake_tls_test',
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('verify-ca and verify-full connect with the CA; verify-ca accepts any host name', async () => {
    const ca = { DATABASE_SSL_CA_FILE: server.caFile };
    await expect(
      sslOfSession({ DATABASE_URL: server.url(), DATABASE_SSL_MODE: 'verify-full', ...ca }),
    ).resolves.toMatchObject({ ssl: true });
    await expect(
      sslOfSession({ DATABASE_URL: server.url('127.0.0.2', 'sslmode=verify-ca'), ...ca }),
    ).resolves.toMatchObject({ ssl: true });
  });

  it('verify-full refuses a server whose certificate names another host, or another CA; plain is refused', async () => {
    await expect(
      sslOfSession({
        DATABASE_URL: server.url('127.0.0.2'),
        DATABASE_SSL_MODE: 'verify-full',
        DATABASE_SSL_CA_FILE: server.caFile,
      }),
    ).rejects.toThrow(/IP: 127\.0\.0\.2 is not in the cert's list/);
    for (const mode of ['verify-full', 'verify-ca']) {
      await expect(
        sslOfSession({
          DATABASE_URL: server.url(),
          DATABASE_SSL_MODE: mode,
          DATABASE_SSL_CA_FILE: server.otherCaFile,
        }),
      ).rejects.toThrow(/self[- ]signed|unable to verify|issuer/i);
    }
    // The server takes TLS connections only: a mode that forgot TLS could not pass above.
    await expect(sslOfSession({ DATABASE_URL: server.url() })).rejects.toThrow(/no encryption/);
  });
});
