import { ConfigError } from '@intake/platform';
import { loadApiConfig } from './api.config';

describe('loadApiConfig', () => {
  it('runs with defaults in development', () => {
    const config = loadApiConfig({});
    expect(config.http.PORT).toBe(3000);
    expect(config.kafka.KAFKA_TOPIC).toBe('intake.lead-events.v1');
  });

  it('refuses to start in production without its own secrets and privacy keys', () => {
    const privacy = {
      PRIVACY_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PRIVACY_ACTIVE_KEY_ID: 'k1',
      PRIVACY_INDEX_KEY: 'a-long-random-blind-index-key-of-32+',
    };
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(
      /IP_HASH_SECRET[\s\S]*START_TOKEN_SECRET[\s\S]*PRIVACY_KEYS[\s\S]*PRIVACY_INDEX_KEY/,
    );
    expect(() =>
      loadApiConfig({ NODE_ENV: 'production', IP_HASH_SECRET: 'a-long-random-secret', ...privacy }),
    ).toThrow(/START_TOKEN_SECRET/);
    expect(
      loadApiConfig({
        NODE_ENV: 'production',
        IP_HASH_SECRET: 'a-long-random-secret',
        START_TOKEN_SECRET: 'another-long-random-secret',
        ...privacy,
      }).http.NODE_ENV,
    ).toBe('production');
  });

  it('takes the captcha providers and start token age from the environment', () => {
    const config = loadApiConfig({
      TURNSTILE_SITEVERIFY_URL: 'http://127.0.0.1:9/siteverify',
      START_TOKEN_MAX_AGE_SECONDS: '7200',
    });
    expect(config.proof).toMatchObject({
      TURNSTILE_SITEVERIFY_URL: 'http://127.0.0.1:9/siteverify',
      HCAPTCHA_SITEVERIFY_URL: 'https://api.hcaptcha.com/siteverify',
      START_TOKEN_MAX_AGE_SECONDS: 7200,
      CAPTCHA_TIMEOUT_MS: 3000,
    });
    expect(() => loadApiConfig({ HCAPTCHA_SITEVERIFY_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ START_TOKEN_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('serves metrics on a port of its own, on loopback unless told otherwise', () => {
    expect(loadApiConfig({}).metrics).toMatchObject({
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: 9464,
    });
    expect(loadApiConfig({ METRICS_PORT: '0' }).metrics.METRICS_PORT).toBe(0);
    expect(() => loadApiConfig({ METRICS_PORT: '65536' })).toThrow(/METRICS_PORT is invalid/);
  });

  it('names a malformed port', () => {
    expect(() => loadApiConfig({ PORT: '70000' })).toThrow(/PORT is invalid/);
    expect(() => loadApiConfig({ PORT: 'http' })).toThrow(/PORT is invalid/);
  });

  it('reads TRUST_PROXY as Express takes it: off, every hop, a hop count or addresses', () => {
    const trust = (value: string) => loadApiConfig({ TRUST_PROXY: value }).http.trustProxy();
    expect(loadApiConfig({}).http.trustProxy()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
    expect(() => trust('$(reboot)')).toThrow(/TRUST_PROXY is invalid/);
  });

  it('leaves OIDC off by default, and refuses an issuer without an audience', () => {
    expect(loadApiConfig({}).oidc.enabled).toBe(false);
    expect(() => loadApiConfig({ OIDC_ISSUER: 'https://login.clinic.example' })).toThrow(
      /OIDC_AUDIENCE is missing/,
    );
    const on = loadApiConfig({
      OIDC_ISSUER: 'https://login.clinic.example',
      OIDC_AUDIENCE: 'intake-api',
    }).oidc;
    expect(on.enabled).toBe(true);
    expect(() => loadApiConfig({ OIDC_ISSUER: 'not a url', OIDC_AUDIENCE: 'x' })).toThrow(
      /OIDC_ISSUER is invalid/,
    );
  });

  it('sets up console sign-in with an issuer and a client, and refuses half a setup', () => {
    const off = loadApiConfig({}).signIn;
    expect(off.enabled).toBe(false);
    expect(off.redirectUri()).toBe('http://localhost:3000/auth/callback');
    expect(off.sessionPolicy()).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    const client = { OIDC_CLIENT_ID: 'intake-console', OIDC_CLIENT_SECRET: 'a-secret' };
    // An issuer for sign-in only needs no audience; bearer JWTs then stay off.
    const config = loadApiConfig({ OIDC_ISSUER: 'https://login.clinic.example', ...client });
    expect(config.signIn.enabled).toBe(true);
    expect(config.oidc.bearerEnabled).toBe(false);
    expect(() => loadApiConfig(client)).toThrow(/OIDC_ISSUER is missing/);
    expect(() =>
      loadApiConfig({ OIDC_ISSUER: 'https://login.clinic.example', OIDC_CLIENT_ID: 'x' }),
    ).toThrow(/OIDC_CLIENT_SECRET is missing/);
    expect(() => loadApiConfig({ OIDC_CLIENT_SECRET: 'a-secret' })).toThrow(
      /OIDC_CLIENT_SECRET is set but OIDC_CLIENT_ID is not/,
    );
    expect(() =>
      loadApiConfig({
        OIDC_ISSUER: 'https://login.clinic.example',
        ...client,
        PUBLIC_URL: 'https://intake.clinic.example',
        OIDC_REDIRECT_URI: 'https://elsewhere.example/auth/callback',
      }),
    ).toThrow(/OIDC_REDIRECT_URI must be on the PUBLIC_URL origin/);
    expect(() => loadApiConfig({ PUBLIC_URL: 'http://intake.clinic.example' })).toThrow(
      /PUBLIC_URL must be https/,
    );
    expect(() => loadApiConfig({ PUBLIC_URL: 'https://intake.clinic.example/app' })).toThrow(
      /PUBLIC_URL is invalid/,
    );
    expect(() => loadApiConfig({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' })).toThrow(
      /SESSION_IDLE_MINUTES is longer than SESSION_MAX_HOURS/,
    );
    expect(loadApiConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).signIn.isLocal()).toBe(true);
    expect(loadApiConfig({ PUBLIC_URL: 'https://intake.clinic.example' }).signIn.isLocal()).toBe(
      false,
    );
  });
  it('runs one api process unless told how many, or auto for one per core', () => {
    expect(loadApiConfig({}).processes.count(8)).toBe(1);
    expect(loadApiConfig({ API_PROCESSES: '3' }).processes.count(8)).toBe(3);
    expect(loadApiConfig({ API_PROCESSES: 'auto' }).processes.count(8)).toBe(8);
    for (const bad of ['0', '-1', 'all', '2.5', '1000'])
      expect(() => loadApiConfig({ API_PROCESSES: bad })).toThrow(/API_PROCESSES/);
  });
});
