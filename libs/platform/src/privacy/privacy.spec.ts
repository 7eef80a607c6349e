import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load-config';
import { BlindIndex } from './blind-index';
import { openField, sealField } from './field-cipher';
import { LocalKeyProvider } from './local-key-provider';
import { PrivacyConfig } from './privacy.config';
import { Sealer } from './sealer';

describe('field cipher', () => {
  const key = randomBytes(32);

  it('seals to v1: text that opens under the same context, with a fresh IV each time', () => {
    const a = sealField(key, 'Ann Marie', 'leads.firstName:1');
    const b = sealField(key, 'Ann Marie', 'leads.firstName:1');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(openField(key, a, 'leads.firstName:1')).toBe('Ann Marie');
  });

  it('refuses a value moved to another row or column, changed, or under another key', () => {
    const sealed = sealField(key, 'ann@example.com', 'leads.email:1');
    expect(() => openField(key, sealed, 'leads.email:2')).toThrow();
    expect(() => openField(key, sealed, 'leads.phone:1')).toThrow();
    expect(() => openField(randomBytes(32), sealed, 'leads.email:1')).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[14] ^= 1;
    expect(() => openField(key, `v1:${bytes.toString('base64')}`, 'leads.email:1')).toThrow();
  });
});

describe('LocalKeyProvider', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('wraps under the active key and unwraps by key id; an unknown id is refused', async () => {
    const provider = new LocalKeyProvider(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    const dataKey = randomBytes(32);
    const wrapped = await provider.wrap(dataKey);
    expect(wrapped.keyId).toBe('k2');
    expect(wrapped.wrapped.includes(dataKey)).toBe(false);
    expect(await provider.unwrap('k2', wrapped.wrapped)).toEqual(dataKey);
    await expect(provider.unwrap('k1', wrapped.wrapped)).rejects.toThrow();
    await expect(provider.unwrap('k3', wrapped.wrapped)).rejects.toThrow(/k3/);
  });
});

describe('BlindIndex', () => {
  it('is keyed and separates kinds: equal values give equal indexes only within a kind', () => {
    const index = new BlindIndex('a-key-of-at-least-thirty-two-chars!');
    expect(index.of('email', 'ann@example.com')).toMatch(/^[0-9a-f]{32}$/);
    expect(index.of('email', 'ann@example.com')).toBe(index.of('email', 'ann@example.com'));
    expect(index.of('name', 'ann')).not.toBe(index.of('email', 'ann'));
    expect(new BlindIndex('another-key-of-at-least-thirty-two!').of('name', 'ann')).not.toBe(
      index.of('name', 'ann'),
    );
    expect(index.of('phone', null)).toBeNull();
  });
});

describe('Sealer', () => {
  it('opens everything as null, and refuses to seal, once the key is gone', () => {
    const sealer = new Sealer('lead-1', null);
    expect(sealer.erased).toBe(true);
    expect(sealer.open('leads.email:lead-1', 'v1:AAAA')).toBeNull();
    expect(sealer.openJson('submissions.fields:s', 'v1:AAAA')).toBeNull();
    expect(() => sealer.seal('leads.email:lead-1', 'x')).toThrow(/gone/);
  });
});

describe('PrivacyConfig', () => {
  const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

  it('takes the development keys outside production and refuses them in it', () => {
    expect(loadConfig(PrivacyConfig, {}).problems()).toEqual([]);
    expect(loadConfig(PrivacyConfig, { NODE_ENV: 'production' }).problems()).toEqual([
      'PRIVACY_KEYS is missing: required when NODE_ENV=production',
      'PRIVACY_INDEX_KEY is missing: required when NODE_ENV=production',
    ]);
    const set = {
      NODE_ENV: 'production',
      PRIVACY_KEYS: `${key('k1')},${key('k2')}`,
      PRIVACY_ACTIVE_KEY_ID: 'k2',
      PRIVACY_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    expect(loadConfig(PrivacyConfig, set).problems()).toEqual([]);
  });

  it('names a short key and an active id that is not configured', () => {
    const config = loadConfig(PrivacyConfig, {
      PRIVACY_KEYS: `k1:${randomBytes(16).toString('base64')}`,
      PRIVACY_ACTIVE_KEY_ID: 'k9',
    });
    expect(config.problems()).toEqual([
      'PRIVACY_KEYS is invalid: key k1 is not 32 bytes',
      'PRIVACY_ACTIVE_KEY_ID is invalid: k9 is not in PRIVACY_KEYS',
    ]);
  });
});
