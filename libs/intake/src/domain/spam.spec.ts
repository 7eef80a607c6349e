import { judgeSpam, parseInstant, StartTokenReading } from './spam';

const receivedAt = new Date('2026-11-28T12:00:10.000Z');
const base = {
  honeypotValue: undefined,
  formStartedAt: undefined,
  startToken: { status: 'missing' } as StartTokenReading,
  requireStartToken: false,
  receivedAt,
  minFillSeconds: 3,
};
const tokenFrom = (msAgo: number): StartTokenReading => ({
  status: 'valid',
  startedAt: new Date(receivedAt.getTime() - msAgo),
});

describe('judgeSpam', () => {
  it('passes a form with an empty honeypot and a human fill time', () => {
    expect(
      judgeSpam({ ...base, honeypotValue: '', formStartedAt: receivedAt.getTime() - 45_000 }),
    ).toBeNull();
  });

  it('marks a filled honeypot', () => {
    expect(judgeSpam({ ...base, honeypotValue: 'http://spam.example' })).toBe('honeypot');
    expect(judgeSpam({ ...base, honeypotValue: ['', 'x'] })).toBe('honeypot');
  });

  it('treats whitespace in the honeypot as empty', () => {
    expect(judgeSpam({ ...base, honeypotValue: '  ' })).toBeNull();
  });

  it('marks a form filled faster than the minimum', () => {
    expect(judgeSpam({ ...base, formStartedAt: String(receivedAt.getTime() - 2_999) })).toBe(
      'too_fast',
    );
    expect(
      judgeSpam({ ...base, formStartedAt: new Date(receivedAt.getTime() - 1_000).toISOString() }),
    ).toBe('too_fast');
  });

  it('passes a form filled in exactly the minimum', () => {
    expect(judgeSpam({ ...base, formStartedAt: receivedAt.getTime() - 3_000 })).toBeNull();
  });

  it('never marks spam for a missing, unreadable or future start time', () => {
    expect(judgeSpam(base)).toBeNull();
    expect(judgeSpam({ ...base, formStartedAt: 'yesterday-ish' })).toBeNull();
    expect(judgeSpam({ ...base, formStartedAt: receivedAt.getTime() + 60_000 })).toBeNull();
  });
});

describe('judgeSpam with start tokens', () => {
  it('measures the fill time from the token, not from what the page says', () => {
    expect(judgeSpam({ ...base, startToken: tokenFrom(45_000) })).toBeNull();
    expect(
      judgeSpam({
        ...base,
        startToken: tokenFrom(1_000),
        formStartedAt: receivedAt.getTime() - 60_000,
      }),
    ).toBe('too_fast');
    expect(
      judgeSpam({ ...base, startToken: tokenFrom(60_000), formStartedAt: receivedAt.getTime() }),
    ).toBeNull();
  });

  it('marks a forged token, or one for another form, whether or not the form requires one', () => {
    for (const status of ['forged', 'other_form'] as const) {
      expect(judgeSpam({ ...base, startToken: { status } })).toBe('start_token');
      expect(
        judgeSpam({
          ...base,
          startToken: { status },
          formStartedAt: receivedAt.getTime() - 60_000,
          requireStartToken: true,
        }),
      ).toBe('start_token');
    }
  });

  it('marks a missing or expired token only where the form requires one', () => {
    for (const status of ['missing', 'expired'] as const) {
      expect(judgeSpam({ ...base, startToken: { status }, requireStartToken: true })).toBe(
        'start_token',
      );
      expect(
        judgeSpam({
          ...base,
          startToken: { status },
          formStartedAt: receivedAt.getTime() - 60_000,
        }),
      ).toBeNull();
    }
  });

  it('still names the honeypot first', () => {
    expect(judgeSpam({ ...base, honeypotValue: 'x', startToken: { status: 'forged' } })).toBe(
      'honeypot',
    );
  });
});

describe('parseInstant', () => {
  it('reads epoch milliseconds, numeric strings and ISO 8601', () => {
    expect(parseInstant(1_700_000_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(parseInstant('1700000000000')?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(parseInstant('1700000000')?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(parseInstant(1_700_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(parseInstant('2023-11-14T23:13:20+01:00')?.toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(parseInstant('2023-11-14T22:13:20')).toBeNull();
    expect(parseInstant('2023-11-14')).toBeNull();
    expect(parseInstant('2023-11-14T22:13:20Z')?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(parseInstant('')).toBeNull();
    expect(parseInstant({})).toBeNull();
    expect(parseInstant(1e308)).toBeNull();
    expect(parseInstant('9'.repeat(16))).toBeNull();
  });
});
