import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The console's sign-in sessions: pure rules for where a sign-in may return to, how long a
 * session lives, and how its secrets are made and compared.
 */

/** Where the console lives: the default place to land after signing in. */
export const DEFAULT_RETURN_TO = '/console/';

const MAX_RETURN_TO_LENGTH = 2048;
const BASE = 'http://intake.invalid';

/**
 * `raw` when it is a path on this origin (`/console/leads?status=new`), else the default. No
 * scheme, no `//host` or `/\host` (which browsers read as another host), no control characters.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RETURN_TO_LENGTH) {
    return DEFAULT_RETURN_TO;
  }
  // eslint-disable-next-line no-control-regex
  if (!raw.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(raw) || raw.startsWith('//')) {
    return DEFAULT_RETURN_TO;
  }
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== BASE) return DEFAULT_RETURN_TO;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** How long a session lives: idle (slides with use) and absolute (never moves). */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  /** The idle expiry, capped by the absolute one: the session's end as things stand. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

/** A new session's times. */
export function newSessionTimes(now: Date, policy: SessionPolicy): SessionTimes {
  const absoluteExpiresAt = new Date(now.getTime() + policy.maxMs);
  return {
    createdAt: now,
    lastSeenAt: now,
    expiresAt: idleExpiry(now, absoluteExpiresAt, policy),
    absoluteExpiresAt,
  };
}

/** Ended at `now`: idle for too long, or past its absolute limit. */
export function sessionExpired(session: SessionTimes, now: Date): boolean {
  return now.getTime() >= session.expiresAt.getTime();
}

/** Last use is kept to this resolution: a write per request would be a write per read. */
export const SESSION_TOUCH_RESOLUTION_MS = 60_000;

/**
 * The times after a use at `now`, or null when nothing needs writing yet. Idle expiry slides;
 * the absolute one does not.
 */
export function touchedSession(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy,
): Pick<SessionTimes, 'lastSeenAt' | 'expiresAt'> | null {
  if (now.getTime() - session.lastSeenAt.getTime() < SESSION_TOUCH_RESOLUTION_MS) return null;
  return { lastSeenAt: now, expiresAt: idleExpiry(now, session.absoluteExpiresAt, policy) };
}

function idleExpiry(now: Date, absolute: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(now.getTime() + policy.idleMs, absolute.getTime()));
}

/** 256 random bits, URL-safe: session ids, CSRF tokens, browser bindings. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a secret the browser holds. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Compares in constant time, so the time taken tells nothing about how much matched. */
export function secretsMatch(expected: string, given: string | undefined | null): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The methods that change something: with the session cookie they need the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
