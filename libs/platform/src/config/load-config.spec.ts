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
});
