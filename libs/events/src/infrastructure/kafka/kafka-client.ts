import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig as KafkaClientConfig, logLevel, LogEntry, SASLOptions } from 'kafkajs';
import { KafkaConfig } from '@intake/platform';

/** How to reach the cluster: every Kafka client of Intake is made from one of these. */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** TLS to every broker (`KAFKA_SSL`); absent: plain TCP. */
  ssl?: ConnectionOptions;
  /** SASL SCRAM (`KAFKA_SASL_*`); absent: no authentication. */
  sasl?: Extract<SASLOptions, { mechanism: 'scram-sha-256' | 'scram-sha-512' }>;
}

const logger = new Logger('kafkajs');

// kafkajs logs through our logger; broker-down noise is a warning, the relay reports the outcome.
const logCreator = () => (entry: LogEntry) => {
  const { message, broker, error } = entry.log as {
    message: string;
    broker?: string;
    error?: string;
  };
  const line = { broker, error, namespace: entry.namespace };
  if (entry.level <= logLevel.WARN) logger.warn(line, message);
  else logger.debug(line, message);
};

/**
 * The connection the configuration describes. The certificate files are read now, at start-up
 * (KafkaConfig has checked they are readable); `clientId` defaults to KAFKA_CLIENT_ID.
 */
export function kafkaConnection(
  config: KafkaConfig,
  clientId = config.KAFKA_CLIENT_ID,
): KafkaConnection {
  const read = (path: string | undefined) => (path ? readFileSync(path, 'utf8') : undefined);
  const connection: KafkaConnection = { brokers: parseBrokers(config.KAFKA_BROKERS), clientId };
  if (config.KAFKA_SSL) {
    connection.ssl = {
      ca: read(config.KAFKA_SSL_CA_FILE),
      cert: read(config.KAFKA_SSL_CERT_FILE),
      key: read(config.KAFKA_SSL_KEY_FILE),
      rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED,
    };
  }
  if (config.KAFKA_SASL_MECHANISM) {
    connection.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME!,
      password: config.KAFKA_SASL_PASSWORD!,
    };
  }
  return connection;
}

/** The same connection under another client id (`<clientId>-<suffix>`), for a second client. */
export function withClientSuffix(connection: KafkaConnection, suffix: string): KafkaConnection {
  return { ...connection, clientId: `${connection.clientId}-${suffix}` };
}

export type KafkaClientSettings = Pick<
  KafkaClientConfig,
  'logLevel' | 'connectionTimeout' | 'requestTimeout' | 'retry'
>;

/** The services fail fast: the relay and the consumers retry on their own schedule. */
const SERVICE_SETTINGS: KafkaClientSettings = {
  logLevel: logLevel.WARN,
  connectionTimeout: 3000,
  requestTimeout: 10000,
  retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
};

/**
 * The one place a kafkajs client is made, so TLS and SASL reach every client. Tests and
 * benchmarks pass their own `settings` (a log level; kafkajs's defaults for what they leave out).
 */
export function createKafka(
  connection: KafkaConnection,
  settings: KafkaClientSettings = SERVICE_SETTINGS,
): Kafka {
  return new Kafka({
    ...settings,
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    sasl: connection.sasl,
    logCreator,
  });
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}
