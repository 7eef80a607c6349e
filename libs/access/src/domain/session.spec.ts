import {
  DEFAULT_RETURN_TO,
  isUnsafeMethod,
  newSessionTimes,
  safeReturnTo,
  secretHash,
  secretsMatch,
  sessionExpired,
  touchedSession,
} from './session';

describe('safeReturnTo', () => {
  it.each([
    ['/console/', '/console/'],
    ['/console/leads?status=new&sort=priority', '/console/leads?status=new&sort=priority'],
    ['/console/leads/0190#notes', '/console/leads/0190#notes'],
    ['/console/../docs', '/docs'],
  ])('keeps a path on this origin: %s', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });

  it.each([
    ['//evil.example/'],
    ['///evil.example/'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['https://evil.example/console/'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['console/'],
    ['/console/\r\nSet-Cookie: x=1'],
    ['/con\tsole'],
    [''],
    ['/' + 'a'.repeat(2048)],
    [undefined],
    [['/console/', '//evil.example']],
  ])('replaces anything else with the default: %p', (raw) => {
    expect(safeReturnTo(raw)).toBe(DEFAULT_RETURN_TO);
  });
});

describe('session times', () => {
  const policy = { idleMs: 30 * 60_000, maxMs: 2 * 3_600_000 };
  const t0 = new Date('2026-12-02T15:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('ends after the idle time, and each use moves the end on, never past the absolute limit', () => {
    let session = newSessionTimes(t0, policy);
    expect(session.expiresAt).toEqual(at(30));
    expect(session.absoluteExpiresAt).toEqual(at(120));
    expect(sessionExpired(session, at(29))).toBe(false);
    expect(sessionExpired(session, at(30))).toBe(true);
    for (const minutes of [25, 50, 75]) {
      session = { ...session, ...touchedSession(session, at(minutes), policy)! };
      expect(session.expiresAt).toEqual(at(minutes + 30));
    }
    session = { ...session, ...touchedSession(session, at(100), policy)! };
    expect(session.expiresAt).toEqual(at(120));
    expect(session.absoluteExpiresAt).toEqual(at(120));
    expect(sessionExpired(session, at(120))).toBe(true);
  });

  it('writes a use at most once a minute', () => {
    const session = newSessionTimes(t0, policy);
    expect(touchedSession(session, new Date(t0.getTime() + 59_999), policy)).toBeNull();
    expect(touchedSession(session, at(1), policy)).toEqual({
      lastSeenAt: at(1),
      expiresAt: at(31),
    });
  });
});

describe('secrets', () => {
  it('compares in constant time, and only equal strings match', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abc', 'abd')).toBe(false);
    expect(secretsMatch('abc', 'abcd')).toBe(false);
    expect(secretsMatch('abc', '')).toBe(false);
    expect(secretsMatch('abc', undefined)).toBe(false);
    expect(secretsMatch('abc', null)).toBe(false);
  });

  it('stores a hash, never the secret', () => {
    expect(secretHash('s3cret')).not.toContain('s3cret');
    expect(secretHash('s3cret')).toBe(secretHash('s3cret'));
  });

  it('asks the CSRF token of every method that changes something', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(isUnsafeMethod(method)).toBe(true);
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(isUnsafeMethod(method)).toBe(false);
  });
});
