import { StartTokens } from './start-tokens';

const HOUR = 3_600_000;
const now = new Date('2026-12-05T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('StartTokens', () => {
  const tokens = new StartTokens('a-secret-of-sixteen-chars', 24 * HOUR);

  it('reads back the time it issued the token at, for its form', () => {
    const { startToken, expiresAt } = tokens.issue('consultation', now);
    expect(expiresAt.toISOString()).toBe('2026-12-06T12:00:00.000Z');
    expect(tokens.read(startToken, 'consultation', later(45_000))).toEqual({
      status: 'valid',
      startedAt: now,
    });
  });

  it('issues a different token each time', () => {
    expect(tokens.issue('consultation', now).startToken).not.toBe(
      tokens.issue('consultation', now).startToken,
    );
  });

  it('knows a token for another form', () => {
    const { startToken } = tokens.issue('spring', now);
    expect(tokens.read(startToken, 'consultation', later(45_000))).toEqual({
      status: 'other_form',
    });
  });

  it('knows an expired token', () => {
    const { startToken } = tokens.issue('consultation', now);
    expect(tokens.read(startToken, 'consultation', later(24 * HOUR + 1))).toEqual({
      status: 'expired',
    });
  });

  it('knows a forged one: changed time, another secret, garbage, from the future', () => {
    const { startToken } = tokens.issue('consultation', now);
    const [payload, mac] = startToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const backdated = Buffer.from(JSON.stringify({ ...claims, t: claims.t - HOUR })).toString(
      'base64url',
    );
    const forged = (token: string) => tokens.read(token, 'consultation', later(45_000));
    expect(forged(`${backdated}.${mac}`)).toEqual({ status: 'forged' });
    expect(
      forged(
        new StartTokens('another-secret-entirely', HOUR).issue('consultation', now).startToken,
      ),
    ).toEqual({
      status: 'forged',
    });
    expect(forged('not-a-token')).toEqual({ status: 'forged' });
    expect(forged(`${startToken}.more`)).toEqual({ status: 'forged' });
    expect(tokens.read(startToken, 'consultation', later(-5 * 60_000))).toEqual({
      status: 'forged',
    });
  });

  it('knows a missing one', () => {
    expect(tokens.read(null, 'consultation', now)).toEqual({ status: 'missing' });
  });
});
