import { judgeSpam, parseInstant } from './spam';

const receivedAt = new Date('2026-11-28T12:00:10.000Z');
const base = { honeypotValue: undefined, formStartedAt: undefined, receivedAt, minFillSeconds: 3 };

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
