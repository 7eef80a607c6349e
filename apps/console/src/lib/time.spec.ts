import { STATE_TIME_ZONES as SCHEDULING_ZONES } from '../../../../libs/scheduling/src/domain/state-time-zones';
import {
  callHour,
  formatDuration,
  fromLocalInput,
  leadTimeZone,
  STATE_TIME_ZONES,
  wallClock,
} from './time';

describe('the lead’s time zone', () => {
  it('is the one scheduling uses for the same state', () => {
    expect(STATE_TIME_ZONES).toEqual(SCHEDULING_ZONES);
  });

  it('takes any case and says null for an unknown or missing state', () => {
    expect(leadTimeZone(' ca ')).toBe('America/Los_Angeles');
    expect(leadTimeZone('ZZ')).toBeNull();
    expect(leadTimeZone(null)).toBeNull();
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
