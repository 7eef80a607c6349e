import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const FORMAT = /^ik_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface IssuedApiKey {
  /** Shown once, to whoever created it; only its hash is kept. */
  plaintext: string;
  prefix: string;
  hash: string;
}

/** `ik_<prefix>_<secret>`: the prefix finds the row, 256 random bits make the secret. */
export function issueApiKey(): IssuedApiKey {
  const prefix = randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 8);
  if (prefix.length < 8) return issueApiKey();
  const plaintext = `ik_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { plaintext, prefix, hash: hashApiKey(plaintext) };
}

export function apiKeyPrefixOf(credential: string): string | null {
  return FORMAT.exec(credential)?.[1] ?? null;
}

/** A fast hash is enough: the secret is random, not a password a person chose. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

export function apiKeyMatches(plaintext: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(plaintext), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
