import { loadWorkerConfig } from './worker.config';

describe('loadWorkerConfig', () => {
  it('gives the worker its own metrics port, apart from the api (9464) and analytics (9466)', () => {
    expect(loadWorkerConfig({}).metrics).toMatchObject({
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: 9465,
    });
    expect(loadWorkerConfig({ METRICS_HOST: '0.0.0.0' }).metrics.METRICS_HOST).toBe('0.0.0.0');
    expect(() => loadWorkerConfig({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT is invalid/);
  });
});
