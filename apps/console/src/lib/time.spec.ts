import {
  callHour,
  formatDuration,
  fromLocalInput,
  localTime,
  theirClock,
  theirTime,
  wallClock,
} from './time';

describe('theirTime', () => {
  it('says their time and whether to call, or that it is unknown', () => {
    const now = new Date('2026-12-01T16:30:00Z');
    expect(theirTime('America/New_York', now)).toMatch(/^their time 11:30\sAM EST, ok to call$/);
    expect(theirTime('Pacific/Honolulu', now)).toMatch(/too early to call$/);
    expect(theirTime(null, now)).toBe('their local time unknown');
  });
});

describe('callHour', () => {
  // 16:30 UTC in December: 8:30 in California, 11:30 in New York, 6:30 in Hawaii.
  const now = new Date('2026-12-01T16:30:00Z');

  it('is ok from 8:00 to 20:59 where they are', () => {
    expect(callHour(now, 'America/Los_Angeles')).toBe('ok');
    expect(callHour(now, 'America/New_York')).toBe('ok');
    expect(callHour(new Date('2026-12-01T16:00:00Z'), 'America/Los_Angeles')).toBe('ok'); // 8:00
  });

  it('is early before 8:00 and late from 21:00', () => {
    expect(callHour(now, 'Pacific/Honolulu')).toBe('early');
    expect(callHour(new Date('2026-12-01T15:59:00Z'), 'America/Los_Angeles')).toBe('early'); // 7:59
    expect(callHour(new Date('2026-12-02T02:00:00Z'), 'America/New_York')).toBe('late'); // 21:00
    expect(callHour(new Date('2026-12-02T04:59:00Z'), 'America/Los_Angeles')).toBe('ok'); // 20:59
    expect(callHour(new Date('2026-12-02T05:00:00Z'), 'America/Los_Angeles')).toBe('late'); // 21:00
  });

  it('follows daylight saving time', () => {
    // 12:30 UTC: 8:30 EDT in July, 7:30 EST in December.
    expect(callHour(new Date('2026-07-01T12:30:00Z'), 'America/New_York')).toBe('ok');
    expect(callHour(new Date('2026-12-01T12:30:00Z'), 'America/New_York')).toBe('early');
  });

  it('is unknown without a zone', () => {
    expect(callHour(now, null)).toBe('unknown');
  });

  it('reads midnight as hour 0', () => {
    expect(wallClock(new Date('2026-12-01T05:00:00Z'), 'America/New_York')).toEqual({
      hour: 0,
      minute: 0,
    });
  });
});

describe('localTime', () => {
  it('reads noon as 12 and the evening as 12 to 23, with the zone name of the day', () => {
    expect(localTime(new Date('2026-12-01T17:00:00Z'), 'America/New_York')).toMatchObject({
      hour: 12,
      minute: 0,
      zoneName: 'EST',
    });
    expect(localTime(new Date('2026-07-02T01:59:00Z'), 'America/New_York')).toMatchObject({
      hour: 21,
      minute: 59,
      zoneName: 'EDT',
    });
  });

  it('gives a row its time and verdict from one reading', () => {
    const their = theirClock(new Date('2026-12-02T02:05:00Z'), 'America/New_York');
    expect(their.shown).toMatch(/^9:05\sPM EST$/);
    expect(their.verdict).toBe('late');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(4 * 60_000 + 10_000)).toBe('4m 10s');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(-(26 * 3_600_000))).toBe('1d 2h');
  });
});

describe('fromLocalInput', () => {
  it('refuses what is not a datetime-local value', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(fromLocalInput('2026-12-01T10:00')).toMatch(/^2026-12-01T\d\d:00:00\.000Z$/);
  });
});
