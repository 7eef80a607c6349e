import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaConfig, loadConfig } from '@intake/platform';
import { kafkaConnection, withClientSuffix } from './kafka-client';

describe('kafkaConnection', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'intake-kafka-client-'));
    for (const name of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(path(name), name);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plain TCP without credentials by default', () => {
    const connection = kafkaConnection(loadConfig(KafkaConfig, { KAFKA_BROKERS: 'a:9092,b:9092' }));
    expect(connection).toEqual({ brokers: ['a:9092', 'b:9092'], clientId: 'intake' });
  });

  it('reads the CA, client certificate and key, and carries the SCRAM credentials', () => {
    const config = loadConfig(KafkaConfig, {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: path('ca.pem'),
      KAFKA_SSL_CERT_FILE: path('client.pem'),
      KAFKA_SSL_KEY_FILE: path('client.key'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 'pw',
    });
    const connection = withClientSuffix(kafkaConnection(config), 'replay');
    expect(connection.clientId).toBe('intake-replay');
    expect(connection.ssl).toEqual({
      ca: 'ca.pem',
      cert: 'client.pem',
      key: 'client.key',
      rejectUnauthorized: true,
    });
    expect(connection.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'intake',
      password: 'pw',
    });
  });

  it('uses the system CAs when no CA file is given, and may skip verification when told to', () => {
    const config = loadConfig(KafkaConfig, {
      KAFKA_SSL: 'true',
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'false',
    });
    expect(kafkaConnection(config).ssl).toEqual({
      ca: undefined,
      cert: undefined,
      key: undefined,
      rejectUnauthorized: false,
    });
  });
});
