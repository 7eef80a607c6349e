import { ConfigError } from '@intake/platform';
import { loadAnalyticsConfig } from './analytics.config';

describe('loadAnalyticsConfig', () => {
  it('reads the lead events topic with the defaults', () => {
    const config = loadAnalyticsConfig({});
    expect(config.topic).toBe('intake.lead-events.v1');
    expect(config.deadLetterTopic).toBe('intake.lead-events.v1.dlq');
    expect(config.analytics.ANALYTICS_GROUP_ID).toBe('intake-analytics');
    expect(config.analytics.ANALYTICS_PORT).toBe(3001);
    expect(config.metrics).toMatchObject({ METRICS_HOST: '127.0.0.1', METRICS_PORT: 9466 });
  });

  it('takes KAFKA_TOPIC unless ANALYTICS_TOPIC is set', () => {
    expect(loadAnalyticsConfig({ KAFKA_TOPIC: 'a.v1' }).deadLetterTopic).toBe('a.v1.dlq');
    const config = loadAnalyticsConfig({
      KAFKA_TOPIC: 'a.v1',
      ANALYTICS_TOPIC: 'b.v1',
      ANALYTICS_DLQ_TOPIC: 'dead',
    });
    expect(config.topic).toBe('b.v1');
    expect(config.deadLetterTopic).toBe('dead');
  });

  it('names every bad variable', () => {
    expect(() =>
      loadAnalyticsConfig({
        ANALYTICS_PORT: '0',
        ANALYTICS_GROUP_ID: 'a b',
        ANALYTICS_TOPIC: 'x/y',
      }),
    ).toThrow(
      /ANALYTICS_TOPIC is invalid[\s\S]*ANALYTICS_GROUP_ID is invalid[\s\S]*ANALYTICS_PORT is invalid/,
    );
    expect(() => loadAnalyticsConfig({ ANALYTICS_TOPIC: 't', ANALYTICS_DLQ_TOPIC: 't' })).toThrow(
      ConfigError,
    );
  });
});
