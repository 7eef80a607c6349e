import { DatabaseConfig, KafkaConfig } from './common.config';
import { ConfigError, loadConfig, loadConfigParts } from './load-config';

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig(DatabaseConfig, { DATABASE_POOL_SIZE: '25' });
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/intake');
    expect(config.DATABASE_POOL_SIZE).toBe(25);
  });

  it('names every malformed variable at once', () => {
    expect.assertions(4);
    try {
      loadConfigParts(
        { database: DatabaseConfig, kafka: KafkaConfig },
        { DATABASE_URL: 'mysql://x', DATABASE_POOL_SIZE: 'many', KAFKA_BROKERS: 'localhost' },
      );
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL is invalid: must be a postgres:\/\/ URL/);
      expect(message).toMatch(/DATABASE_POOL_SIZE is invalid/);
      expect(message).toMatch(/KAFKA_BROKERS is invalid: must be host:port/);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(KafkaConfig, { KAFKA_TOPIC: '' }).KAFKA_TOPIC).toBe('intake.lead-events.v1');
  });

  it("leaves the topic's replication factor to the cluster unless one is set", () => {
    expect(loadConfig(KafkaConfig, {}).KAFKA_REPLICATION_FACTOR).toBeUndefined();
    expect(
      loadConfig(KafkaConfig, { KAFKA_REPLICATION_FACTOR: '3' }).KAFKA_REPLICATION_FACTOR,
    ).toBe(3);
    expect(() => loadConfig(KafkaConfig, { KAFKA_REPLICATION_FACTOR: '0' })).toThrow(
      /KAFKA_REPLICATION_FACTOR is invalid/,
    );
  });
});

describe('KafkaConfig: TLS and SASL', () => {
  // Any readable file does for the checks; the contents are read by the client (kafka-client).
  const file = __filename;
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(KafkaConfig, env);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };

  it('is plain and unauthenticated by default, and verifies certificates when TLS is on', () => {
    const config = loadConfig(KafkaConfig, {});
    expect(config.KAFKA_SSL).toBe(false);
    expect(config.KAFKA_SASL_MECHANISM).toBeUndefined();
    expect(loadConfig(KafkaConfig, { KAFKA_SSL: 'true' }).KAFKA_SSL_REJECT_UNAUTHORIZED).toBe(true);
  });

  it('accepts TLS with a CA and a client certificate, and SCRAM credentials', () => {
    const config = loadConfig(KafkaConfig, {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: file,
      KAFKA_SSL_CERT_FILE: file,
      KAFKA_SSL_KEY_FILE: file,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 'secret-password',
    });
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
  });

  it('refuses a client certificate without its key, and a key without its certificate', () => {
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: file })).toEqual([
      'KAFKA_SSL_KEY_FILE is missing: required when KAFKA_SSL_CERT_FILE is set',
    ]);
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SSL_KEY_FILE: file })).toEqual([
      'KAFKA_SSL_CERT_FILE is missing: required when KAFKA_SSL_KEY_FILE is set',
    ]);
  });

  it('refuses certificate files while TLS is off: they would be ignored', () => {
    expect(problems({ KAFKA_SSL_CA_FILE: file })).toEqual([
      'KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true',
    ]);
  });

  it('refuses a file that is not there, at start-up rather than at the first connection', () => {
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' })).toEqual([
      'KAFKA_SSL_CA_FILE is invalid: no readable file at that path',
    ]);
  });

  it('refuses SASL without a password or user, and credentials without a mechanism', () => {
    expect(
      problems({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'intake' }),
    ).toEqual(['KAFKA_SASL_PASSWORD is missing: required when KAFKA_SASL_MECHANISM is set']);
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toHaveLength(2);
    expect(problems({ KAFKA_SASL_PASSWORD: 'secret-password' })).toEqual([
      'KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('refuses other mechanisms and non-boolean switches, naming no value', () => {
    const found = problems({
      KAFKA_SSL: 'yes',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 'secret-password',
    });
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/KAFKA_SSL is invalid/);
    expect(found.join('\n')).toMatch(/KAFKA_SASL_MECHANISM is invalid/);
    expect(found.join('\n')).not.toContain('secret-password');
  });
});
