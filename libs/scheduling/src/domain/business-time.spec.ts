import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  ALWAYS_CLOSED,
  addBusinessDays,
  addBusinessMinutes,
  BusinessCalendar,
  businessMinutesBetween,
  Interval,
  isLocalDate,
  isOpen,
  isValidTimeZone,
  nextBusinessDayAt,
  nextOpening,
  openIntervals,
  TimeRange,
  WeeklyHours,
  weeklyHoursProblems,
  weekdays,
  WEEKDAYS,
} from './business-time';

// Every expected instant below is worked out by hand: New York is UTC-5 (EST) until
// 2026-03-08 02:00, UTC-4 (EDT) until 2026-11-01 02:00, then UTC-5 again.
const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;
const DAY = 86_400_000;

const NINE_TO_FIVE: BusinessCalendar = {
  timeZone: 'America/New_York',
  weeklyHours: weekdays('09:00', '17:00'),
  holidays: [],
};

const ALL_DAY: readonly TimeRange[] = [{ start: '00:00', end: '24:00' }];
const ALWAYS_OPEN: WeeklyHours = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};

function sundaysOnly(...ranges: TimeRange[]): BusinessCalendar {
  return {
    timeZone: 'America/New_York',
    weeklyHours: { ...ALWAYS_CLOSED, sun: ranges },
    holidays: [],
  };
}

const asIso = (intervals: Interval[]) =>
  intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);

describe('addBusinessMinutes', () => {
  it('carries what is left on Friday over to Monday morning', () => {
    // Fri 2026-01-16 16:30 EST + 60: 30 on Friday, 30 on Monday 09:00–09:30 EST.
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-01-16T21:30:00Z'), 60)).toEqual(
      at('2026-01-19T14:30:00Z'),
    );
  });

  it('spans the spring-forward weekend in real minutes', () => {
    // Fri 2026-03-06 16:00 EST + 120: 60 on Friday, then Mon 09:00–10:00 EDT.
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-03-06T21:00:00Z'), 120)).toEqual(
      at('2026-03-09T14:00:00Z'),
    );
  });

  it('spans the fall-back weekend in real minutes', () => {
    // Fri 2026-10-30 16:00 EDT + 120: 60 on Friday, then Mon 09:00–10:00 EST.
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-10-30T20:00:00Z'), 120)).toEqual(
      at('2026-11-02T15:00:00Z'),
    );
  });

  it('skips a holiday', () => {
    const cal = { ...NINE_TO_FIVE, holidays: ['2026-12-25'] };
    // Thu 2026-12-24 16:30 EST + 60: 30 on Thursday, Friday is Christmas, Mon 09:00–09:30.
    expect(addBusinessMinutes(cal, at('2026-12-24T21:30:00Z'), 60)).toEqual(
      at('2026-12-28T14:30:00Z'),
    );
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-12-24T21:30:00Z'), 60)).toEqual(
      at('2026-12-25T14:30:00Z'),
    );
  });

  it('may land exactly at closing time, where the minutes ran out', () => {
    // Mon 2026-01-19 16:00 EST + 60 = 17:00 EST.
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-01-19T21:00:00Z'), 60)).toEqual(
      at('2026-01-19T22:00:00Z'),
    );
  });

  it('starts counting at the next opening when closed', () => {
    // Sat 2026-01-17 12:00 EST + 1 = Mon 09:01 EST.
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-01-17T17:00:00Z'), 1)).toEqual(
      at('2026-01-19T14:01:00Z'),
    );
  });

  it('returns `at` for 0 minutes, even when closed', () => {
    expect(addBusinessMinutes(NINE_TO_FIVE, at('2026-01-17T17:00:00.123Z'), 0)).toEqual(
      at('2026-01-17T17:00:00.123Z'),
    );
  });

  it('is plain addition on a 24/7 calendar, across midnight and both DST changes', () => {
    const cal = { timeZone: 'America/New_York', weeklyHours: ALWAYS_OPEN, holidays: [] };
    for (const start of ['2026-03-07T20:00:00Z', '2026-10-31T22:30:00Z', '2026-06-01T03:59:00Z']) {
      for (const minutes of [1, 59, 61, 24 * 60, 3 * 24 * 60 + 7]) {
        expect(addBusinessMinutes(cal, at(start), minutes).getTime()).toBe(
          at(start).getTime() + minutes * MINUTE,
        );
      }
    }
  });

  it('rejects negative and fractional minutes, and a calendar that never opens', () => {
    expect(() => addBusinessMinutes(NINE_TO_FIVE, at('2026-01-19T15:00:00Z'), -1)).toThrow(
      RangeError,
    );
    expect(() => addBusinessMinutes(NINE_TO_FIVE, at('2026-01-19T15:00:00Z'), 1.5)).toThrow(
      RangeError,
    );
    const closed = { ...NINE_TO_FIVE, weeklyHours: ALWAYS_CLOSED };
    expect(() => addBusinessMinutes(closed, at('2026-01-19T15:00:00Z'), 1)).toThrow(RangeError);
  });

  it('rejects an unknown zone and malformed hours or holidays', () => {
    const t = at('2026-01-19T15:00:00Z');
    expect(() => addBusinessMinutes({ ...NINE_TO_FIVE, timeZone: 'Mars/Olympus' }, t, 1)).toThrow(
      RangeError,
    );
    expect(() =>
      addBusinessMinutes(
        { ...NINE_TO_FIVE, weeklyHours: { ...ALWAYS_CLOSED, mon: [{ start: '9', end: '17' }] } },
        t,
        1,
      ),
    ).toThrow(RangeError);
    expect(() => addBusinessMinutes({ ...NINE_TO_FIVE, holidays: ['12/25/2026'] }, t, 1)).toThrow(
      RangeError,
    );
  });
});

describe('DST edge days', () => {
  it('a 02:00–03:00 range has no real time on the spring-forward day', () => {
    const cal = sundaysOnly({ start: '02:00', end: '03:00' });
    // Sunday 2026-03-08 from 00:00 EST (05:00Z) to the next midnight, 00:00 EDT (04:00Z).
    expect(
      businessMinutesBetween(cal, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z')),
    ).toBe(0);
    // The Sunday after, it is a normal hour: 02:00–03:00 EDT.
    expect(openIntervals(cal, at('2026-03-14T00:00:00Z'), at('2026-03-16T00:00:00Z'))).toEqual([
      { start: at('2026-03-15T06:00:00Z'), end: at('2026-03-15T07:00:00Z') },
    ]);
    // From Saturday noon EST, the next opening skips the empty Sunday.
    expect(nextOpening(cal, at('2026-03-07T17:00:00Z'))).toEqual(at('2026-03-15T06:00:00Z'));
  });

  it('a range ending inside the gap closes when the clock jumps, at 03:00 EDT', () => {
    // 01:30 EST (06:30Z) until the wall clock first reads 02:30 or later: 03:00 EDT (07:00Z).
    const cal = sundaysOnly({ start: '01:30', end: '02:30' });
    expect(openIntervals(cal, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toEqual([
      { start: at('2026-03-08T06:30:00Z'), end: at('2026-03-08T07:00:00Z') },
    ]);
  });

  it('a range over the gap keeps only the hour that happens', () => {
    // 02:00–04:00 becomes 03:00–04:00 EDT.
    const cal = sundaysOnly({ start: '02:00', end: '04:00' });
    expect(openIntervals(cal, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toEqual([
      { start: at('2026-03-08T07:00:00Z'), end: at('2026-03-08T08:00:00Z') },
    ]);
  });

  it('a range over the repeated fall-back hour lasts one hour longer', () => {
    // 00:00 EDT (04:00Z) to 03:00 EST (08:00Z) on Sunday 2026-11-01 is four real hours.
    const cal = sundaysOnly({ start: '00:00', end: '03:00' });
    expect(
      businessMinutesBetween(cal, at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z')),
    ).toBe(240);
  });

  it('a boundary in the repeated hour means its first occurrence, in EDT', () => {
    // Sunday 2026-11-01: 01:30 EDT (05:30Z) to 03:00 EST (08:00Z), and 00:00 EDT to 01:30 EDT.
    expect(
      openIntervals(
        sundaysOnly({ start: '01:30', end: '03:00' }),
        at('2026-11-01T00:00:00Z'),
        at('2026-11-02T00:00:00Z'),
      ),
    ).toEqual([{ start: at('2026-11-01T05:30:00Z'), end: at('2026-11-01T08:00:00Z') }]);
    expect(
      openIntervals(
        sundaysOnly({ start: '00:00', end: '01:30' }),
        at('2026-11-01T00:00:00Z'),
        at('2026-11-02T00:00:00Z'),
      ),
    ).toEqual([{ start: at('2026-11-01T04:00:00Z'), end: at('2026-11-01T05:30:00Z') }]);
  });

  it('a 00:00–24:00 calendar counts the 25 real hours of the fall-back day', () => {
    const cal = { timeZone: 'America/New_York', weeklyHours: ALWAYS_OPEN, holidays: [] };
    // Midnight EDT 2026-11-01 (04:00Z) to midnight EST 2026-11-02 (05:00Z).
    expect(
      businessMinutesBetween(cal, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z')),
    ).toBe(25 * 60);
    // Sat 20:00 EDT to Mon 02:00 EST is 31 real hours.
    expect(
      businessMinutesBetween(cal, at('2026-11-01T00:00:00Z'), at('2026-11-02T07:00:00Z')),
    ).toBe(31 * 60);
  });

  it('a 00:00–24:00 calendar is one continuous interval across midnights', () => {
    const cal = { timeZone: 'America/New_York', weeklyHours: ALWAYS_OPEN, holidays: [] };
    expect(openIntervals(cal, at('2026-03-06T12:00:00Z'), at('2026-03-10T12:00:00Z'))).toEqual([
      { start: at('2026-03-06T12:00:00Z'), end: at('2026-03-10T12:00:00Z') },
    ]);
  });
});

describe('isOpen and nextOpening', () => {
  it('is open at the opening minute and closed at the closing minute', () => {
    // Monday 2026-01-19, 09:00–17:00 EST = 14:00Z–22:00Z.
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T13:59:59.999Z'))).toBe(false);
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T14:00:00Z'))).toBe(true);
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T21:59:59.999Z'))).toBe(true);
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T22:00:00Z'))).toBe(false);
    expect(isOpen(NINE_TO_FIVE, at('2026-01-17T17:00:00Z'))).toBe(false);
  });

  it('is closed all day on a holiday', () => {
    const cal = { ...NINE_TO_FIVE, holidays: ['2026-12-25'] };
    expect(isOpen(cal, at('2026-12-25T15:00:00Z'))).toBe(false);
    expect(isOpen(NINE_TO_FIVE, at('2026-12-25T15:00:00Z'))).toBe(true);
  });

  it('finds Monday morning from a closed weekend, and `at` itself when open', () => {
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-17T17:00:00Z'))).toEqual(
      at('2026-01-19T14:00:00Z'),
    );
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-19T22:00:00Z'))).toEqual(
      at('2026-01-20T14:00:00Z'),
    );
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-19T15:12:34.5Z'))).toEqual(
      at('2026-01-19T15:12:34.5Z'),
    );
  });

  it('gives null when nothing opens within the horizon', () => {
    const closed = { ...NINE_TO_FIVE, weeklyHours: ALWAYS_CLOSED };
    expect(nextOpening(closed, at('2026-01-19T15:00:00Z'))).toBeNull();
    // Saturday noon; Monday 09:00 is two days out.
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-17T17:00:00Z'), [], 1)).toBeNull();
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-17T17:00:00Z'), [], 2)).toEqual(
      at('2026-01-19T14:00:00Z'),
    );
  });
});

describe('blocked intervals', () => {
  // Away Monday 2026-01-19 12:00–13:00 EST.
  const lunch: Interval = { start: at('2026-01-19T17:00:00Z'), end: at('2026-01-19T18:00:00Z') };

  it('are cut out of openIntervals', () => {
    expect(
      asIso(
        openIntervals(NINE_TO_FIVE, at('2026-01-19T05:00:00Z'), at('2026-01-20T05:00:00Z'), [
          lunch,
        ]),
      ),
    ).toEqual([
      ['2026-01-19T14:00:00.000Z', '2026-01-19T17:00:00.000Z'],
      ['2026-01-19T18:00:00.000Z', '2026-01-19T22:00:00.000Z'],
    ]);
  });

  it('close isOpen and push nextOpening past them', () => {
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T17:30:00Z'), [lunch])).toBe(false);
    expect(isOpen(NINE_TO_FIVE, at('2026-01-19T18:00:00Z'), [lunch])).toBe(true);
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-19T17:30:00Z'), [lunch])).toEqual(
      at('2026-01-19T18:00:00Z'),
    );
  });

  it('overlapping and unsorted away periods covering a whole day move the opening to the next', () => {
    const away: Interval[] = [
      { start: at('2026-01-19T20:00:00Z'), end: at('2026-01-20T03:00:00Z') },
      { start: at('2026-01-19T10:00:00Z'), end: at('2026-01-19T21:00:00Z') },
    ];
    expect(nextOpening(NINE_TO_FIVE, at('2026-01-19T13:00:00Z'), away)).toEqual(
      at('2026-01-20T14:00:00Z'),
    );
    expect(
      openIntervals(NINE_TO_FIVE, at('2026-01-19T00:00:00Z'), at('2026-01-20T00:00:00Z'), away),
    ).toEqual([]);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only business time, and 0 backwards', () => {
    // Fri 2026-01-16 16:30 EST to Mon 09:30 EST: 30 + 30.
    expect(
      businessMinutesBetween(NINE_TO_FIVE, at('2026-01-16T21:30:00Z'), at('2026-01-19T14:30:00Z')),
    ).toBe(60);
    expect(
      businessMinutesBetween(NINE_TO_FIVE, at('2026-01-19T14:30:00Z'), at('2026-01-16T21:30:00Z')),
    ).toBe(0);
  });

  it('may be fractional', () => {
    expect(
      businessMinutesBetween(NINE_TO_FIVE, at('2026-01-19T14:00:00Z'), at('2026-01-19T14:00:30Z')),
    ).toBe(0.5);
  });

  it('counts across the spring-forward weekend in real minutes', () => {
    // Fri 2026-03-06 16:00 EST to Mon 2026-03-09 10:00 EDT.
    expect(
      businessMinutesBetween(NINE_TO_FIVE, at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z')),
    ).toBe(120);
  });
});

describe('nextBusinessDayAt', () => {
  it("reads 'tomorrow' in the lead's zone, not the clinic's", () => {
    // Fri 2026-01-16 01:00 EST is still Thursday 22:00 in Los Angeles: next is Fri 10:00 PST.
    expect(
      nextBusinessDayAt(NINE_TO_FIVE, at('2026-01-16T06:00:00Z'), '10:00', 'America/Los_Angeles'),
    ).toEqual(at('2026-01-16T18:00:00Z'));
    // Judged in New York it is already Friday, so Monday 10:00 EST.
    expect(
      nextBusinessDayAt(NINE_TO_FIVE, at('2026-01-16T06:00:00Z'), '10:00', 'America/New_York'),
    ).toEqual(at('2026-01-19T15:00:00Z'));
  });

  it('skips weekends and holidays', () => {
    const cal = { ...NINE_TO_FIVE, holidays: ['2026-12-25'] };
    // Thu 2026-12-24 in LA: Friday is a holiday, so Mon 2026-12-28 10:00 PST.
    expect(
      nextBusinessDayAt(cal, at('2026-12-24T20:00:00Z'), '10:00', 'America/Los_Angeles'),
    ).toEqual(at('2026-12-28T18:00:00Z'));
  });

  it('uses the local offset of the target day across a DST change', () => {
    // Fri 2026-03-06 in LA; Monday 2026-03-09 10:00 PDT (UTC-7).
    expect(
      nextBusinessDayAt(NINE_TO_FIVE, at('2026-03-06T20:00:00Z'), '10:00', 'America/Los_Angeles'),
    ).toEqual(at('2026-03-09T17:00:00Z'));
  });

  it('rejects a bad time or zone', () => {
    const t = at('2026-01-16T04:30:00Z');
    expect(() => nextBusinessDayAt(NINE_TO_FIVE, t, '25:00', 'UTC')).toThrow(RangeError);
    expect(() => nextBusinessDayAt(NINE_TO_FIVE, t, '10:00', 'Nowhere/City')).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it('goes from a Wednesday to the Monday after at the same time', () => {
    // Wed 2026-01-14 11:15 EST → Mon 2026-01-19 11:15 EST.
    expect(addBusinessDays(NINE_TO_FIVE, at('2026-01-14T16:15:00Z'), 3)).toEqual(
      at('2026-01-19T16:15:00Z'),
    );
  });

  it('keeps the wall time across a DST change', () => {
    // Wed 2026-03-04 11:15 EST → Mon 2026-03-09 11:15 EDT.
    expect(addBusinessDays(NINE_TO_FIVE, at('2026-03-04T16:15:00Z'), 3)).toEqual(
      at('2026-03-09T15:15:00Z'),
    );
  });

  it('skips holidays', () => {
    const cal = { ...NINE_TO_FIVE, holidays: ['2026-12-25'] };
    // Thu 2026-12-24 10:00 EST + 1 → Mon 2026-12-28 10:00 EST.
    expect(addBusinessDays(cal, at('2026-12-24T15:00:00Z'), 1)).toEqual(at('2026-12-28T15:00:00Z'));
  });

  it('moves to the next opening when that time is closed', () => {
    // Wed 2026-01-14 18:00 EST + 1 → Thu 18:00 is closed → Fri 09:00 EST.
    expect(addBusinessDays(NINE_TO_FIVE, at('2026-01-14T23:00:00Z'), 1)).toEqual(
      at('2026-01-16T14:00:00Z'),
    );
  });

  it('rejects fewer than one day', () => {
    expect(() => addBusinessDays(NINE_TO_FIVE, at('2026-01-14T16:15:00Z'), 0)).toThrow(RangeError);
  });
});

describe('weeklyHoursProblems', () => {
  const hours = (mon: unknown) => ({ ...ALWAYS_CLOSED, mon });

  it('accepts valid hours, adjacent ranges and a day that ends at 24:00', () => {
    expect(weeklyHoursProblems(weekdays('08:30', '18:00'), 'hours')).toEqual([]);
    expect(
      weeklyHoursProblems(
        hours([
          { start: '00:00', end: '12:00' },
          { start: '12:00', end: '24:00' },
        ]),
        'hours',
      ),
    ).toEqual([]);
  });

  it('reports bad times by path', () => {
    expect(weeklyHoursProblems(hours([{ start: '9:00', end: '17:60' }]), 'hours')).toEqual([
      { field: 'hours.mon[0].start', message: expect.any(String) },
      { field: 'hours.mon[0].end', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(hours([{ start: '24:00', end: '24:00' }]), 'hours')).toEqual([
      { field: 'hours.mon[0].start', message: expect.any(String) },
    ]);
  });

  it('reports a start that is not before its end', () => {
    expect(weeklyHoursProblems(hours([{ start: '17:00', end: '09:00' }]), 'hours')).toEqual([
      { field: 'hours.mon[0].end', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(hours([{ start: '09:00', end: '09:00' }]), 'hours')).toEqual([
      { field: 'hours.mon[0].end', message: expect.any(String) },
    ]);
  });

  it('reports overlapping and unsorted ranges', () => {
    const overlapping = [
      { start: '09:00', end: '12:00' },
      { start: '11:00', end: '13:00' },
    ];
    const unsorted = [
      { start: '13:00', end: '17:00' },
      { start: '09:00', end: '12:00' },
    ];
    expect(weeklyHoursProblems(hours(overlapping), 'h')).toEqual([
      { field: 'h.mon[1].start', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(hours(unsorted), 'h')).toEqual([
      { field: 'h.mon[1].start', message: expect.any(String) },
    ]);
  });

  it('reports unknown and missing weekdays, and shapes that are not hours', () => {
    expect(weeklyHoursProblems({ ...ALWAYS_CLOSED, monday: [] }, 'h')).toEqual([
      { field: 'h.monday', message: expect.any(String) },
    ]);
    const { sun: _sun, ...noSunday } = ALWAYS_CLOSED;
    expect(weeklyHoursProblems(noSunday, 'h')).toEqual([
      { field: 'h.sun', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(hours('9-5'), 'h')).toEqual([
      { field: 'h.mon', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(hours([null]), 'h')).toEqual([
      { field: 'h.mon[0]', message: expect.any(String) },
    ]);
    expect(weeklyHoursProblems(null, 'h')).toEqual([{ field: 'h', message: expect.any(String) }]);
    expect(weeklyHoursProblems([], 'h')).toEqual([{ field: 'h', message: expect.any(String) }]);
  });
});

describe('small helpers', () => {
  it('isValidTimeZone', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('isLocalDate', () => {
    expect(isLocalDate('2026-12-25')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-05')).toBe(false);
    expect(isLocalDate('2026-01-05T00:00')).toBe(false);
  });

  it('weekdays and ALWAYS_CLOSED', () => {
    expect(weekdays('09:00', '17:00')).toEqual({
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [{ start: '09:00', end: '17:00' }],
      wed: [{ start: '09:00', end: '17:00' }],
      thu: [{ start: '09:00', end: '17:00' }],
      fri: [{ start: '09:00', end: '17:00' }],
      sat: [],
      sun: [],
    });
    expect(() => weekdays('17:00', '09:00')).toThrow(RangeError);
    expect(WEEKDAYS.every((day) => ALWAYS_CLOSED[day].length === 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random zones, hours, holidays and instants.

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Phoenix',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
];

/** Noon UTC on days of a DST change in one of ZONES, 2026–2027; instants are drawn near them. */
const DST_DAYS = [
  '2026-03-08', // US spring
  '2026-03-29', // UK spring
  '2026-04-05', // Sydney and Chatham autumn
  '2026-09-27', // Chatham spring
  '2026-10-04', // Sydney spring
  '2026-10-25', // UK autumn
  '2026-11-01', // US autumn
  '2027-03-14',
  '2027-03-28',
  '2027-04-04',
  '2027-09-26',
  '2027-10-03',
  '2027-10-31',
  '2027-11-07',
].map((day) => Date.parse(`${day}T12:00:00Z`));

const FROM = Date.parse('2026-01-01T00:00:00Z');
const UNTIL = Date.parse('2028-01-01T00:00:00Z');
const QUARTER_HOUR = 15 * MINUTE;

const hhmm = (quarter: number) =>
  quarter === 96
    ? '24:00'
    : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** 0–3 sorted, non-overlapping (possibly adjacent) ranges on a 15-minute grid. */
const dayRanges = fc.array(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    if (sorted[i] < sorted[i + 1])
      ranges.push({ start: hhmm(sorted[i]), end: hhmm(sorted[i + 1]) });
  }
  return ranges;
});

const weeklyHours = fc
  .record({
    mon: dayRanges,
    tue: dayRanges,
    wed: dayRanges,
    thu: dayRanges,
    fri: dayRanges,
    sat: dayRanges,
    sun: dayRanges,
  })
  .filter((hours) => WEEKDAYS.some((day) => hours[day].length > 0));

const holidays = fc.array(
  fc
    .integer({ min: FROM / DAY, max: UNTIL / DAY - 1 })
    .map((day) => new Date(day * DAY).toISOString().slice(0, 10)),
  { maxLength: 5 },
);

const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  weeklyHours,
  holidays,
});

const onGrid = (ms: number) => Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
const nearDst = fc
  .tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
  .map(([day, shift]) => day + shift);
const anywhere = fc.integer({ min: FROM, max: UNTIL - 1 });
/** Arbitrary milliseconds, and instants on the 15-minute grid where range boundaries fall. */
const instant = fc
  .oneof(anywhere, nearDst, anywhere.map(onGrid), nearDst.map(onGrid))
  .map((ms) => new Date(ms));

const minutes = fc.integer({ min: 0, max: 5000 });
const positiveMinutes = fc.integer({ min: 1, max: 5000 });
const RUNS = { numRuns: 200 };

const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe('properties', () => {
  it('a positive addition lands just after open time, never in closed time', () => {
    fc.assert(
      fc.property(calendar, instant, positiveMinutes, (cal, t, m) => {
        const r = addBusinessMinutes(cal, t, m);
        expect(r.getTime()).toBeGreaterThan(t.getTime());
        expect(isOpen(cal, plus(r, -1))).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, t, a, b) => {
        expect(addBusinessMinutes(cal, addBusinessMinutes(cal, t, a), b)).toEqual(
          addBusinessMinutes(cal, t, a + b),
        );
      }),
      RUNS,
    );
  });

  it('the business minutes between t and t + m are m', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, t, m) => {
        const between = businessMinutesBetween(cal, t, addBusinessMinutes(cal, t, m));
        expect(Math.abs(between - m)).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  it('adding more minutes lands strictly later', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, t, x, y) => {
        fc.pre(x !== y);
        const [a, b] = x < y ? [x, y] : [y, x];
        expect(addBusinessMinutes(cal, t, a).getTime()).toBeLessThan(
          addBusinessMinutes(cal, t, b).getTime(),
        );
      }),
      RUNS,
    );
  });

  it('the next opening is open, not before t, with no business time in between', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const o = nextOpening(cal, t);
        expect(o).not.toBeNull();
        expect(o!.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(isOpen(cal, o!)).toBe(true);
        expect(businessMinutesBetween(cal, t, o!)).toBe(0);
        if (isOpen(cal, t)) expect(o).toEqual(t);
      }),
      RUNS,
    );
  });

  it('isOpen agrees with openIntervals over a window, at random points and every edge', () => {
    const window = fc.integer({ min: 1, max: 10 * DAY });
    const fractions = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
      maxLength: 20,
    });
    fc.assert(
      fc.property(calendar, instant, window, fractions, (cal, from, length, picks) => {
        const until = plus(from, length);
        const intervals = openIntervals(cal, from, until);
        let previousEnd = -Infinity;
        for (const { start, end } of intervals) {
          // In order, within the window, non-empty and merged (a gap between any two).
          expect(start.getTime()).toBeGreaterThan(previousEnd);
          expect(start.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(end.getTime()).toBeLessThanOrEqual(until.getTime());
          expect(end.getTime()).toBeGreaterThan(start.getTime());
          previousEnd = end.getTime();
        }
        const inside = (ms: number) =>
          intervals.some((i) => i.start.getTime() <= ms && ms < i.end.getTime());
        const edges = intervals.flatMap((i) => [i.start.getTime(), i.end.getTime()]);
        const points = [
          ...picks.map((f) => from.getTime() + Math.floor(f * length)),
          ...edges.flatMap((ms) => [ms - 1, ms]),
        ].filter((ms) => ms >= from.getTime() && ms < until.getTime());
        for (const ms of points) expect([ms, isOpen(cal, new Date(ms))]).toEqual([ms, inside(ms)]);
        const total = intervals.reduce((sum, i) => sum + i.end.getTime() - i.start.getTime(), 0);
        expect(businessMinutesBetween(cal, from, until)).toBeCloseTo(total / MINUTE, 9);
      }),
      RUNS,
    );
  });

  it('isOpen matches reading the wall clock with luxon, away from DST changes', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const local = DateTime.fromMillis(t.getTime(), { zone: cal.timeZone });
        const dayBefore = DateTime.fromMillis(t.getTime() - DAY, { zone: cal.timeZone });
        const dayAfter = DateTime.fromMillis(t.getTime() + DAY, { zone: cal.timeZone });
        fc.pre(dayBefore.offset === local.offset && dayAfter.offset === local.offset);
        const wall = local.diff(local.startOf('day')).toMillis();
        const ranges = cal.weeklyHours[WEEKDAYS[local.weekday - 1]];
        const expected =
          !cal.holidays.includes(local.toISODate()!) &&
          ranges.some((r) => wallMs(r.start) <= wall && wall < wallMs(r.end));
        expect(isOpen(cal, t)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('blocked time is closed and everything else is as without it', () => {
    // Away periods around t (as start shift, length), so they often cut into its hours.
    const away = fc.array(
      fc.tuple(fc.integer({ min: -2 * DAY, max: 2 * DAY }), fc.integer({ min: 0, max: 2 * DAY })),
      { maxLength: 4 },
    );
    const probes = fc.array(fc.integer({ min: 0, max: 3 * DAY }), { maxLength: 10 });
    fc.assert(
      fc.property(calendar, instant, away, probes, (cal, t, periods, shifts) => {
        const blocked = periods.map(([shift, length]): Interval => ({
          start: plus(t, shift),
          end: plus(t, shift + length),
        }));
        const isBlocked = (ms: number) =>
          blocked.some((b) => b.start.getTime() <= ms && ms < b.end.getTime());
        const until = plus(t, 3 * DAY);
        const intervals = openIntervals(cal, t, until, blocked);
        const inside = (ms: number) =>
          intervals.some((i) => i.start.getTime() <= ms && ms < i.end.getTime());
        const edges = [...blocked, ...intervals].flatMap((i) => [
          i.start.getTime(),
          i.end.getTime(),
        ]);
        const points = [
          ...shifts.map((s) => t.getTime() + s),
          ...edges.flatMap((ms) => [ms - 1, ms]),
        ];
        for (const ms of points.filter((p) => p >= t.getTime() && p < until.getTime())) {
          const expected = isOpen(cal, new Date(ms)) && !isBlocked(ms);
          expect([ms, isOpen(cal, new Date(ms), blocked)]).toEqual([ms, expected]);
          expect([ms, inside(ms)]).toEqual([ms, expected]);
        }
        const o = nextOpening(cal, t, blocked);
        if (o === null) return;
        expect(o.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(isOpen(cal, o, blocked)).toBe(true);
        expect(openIntervals(cal, t, o, blocked)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('on a 24/7 calendar, adding business minutes is plain addition', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, minutes, (timeZone, t, m) => {
        const cal = { timeZone, weeklyHours: ALWAYS_OPEN, holidays: [] };
        expect(addBusinessMinutes(cal, t, m).getTime()).toBe(t.getTime() + m * MINUTE);
      }),
      RUNS,
    );
  });
});

/** Milliseconds into the day of an 'HH:mm' wall time. */
function wallMs(time: string): number {
  const [hours, mins] = time.split(':').map(Number);
  return (hours * 60 + mins) * MINUTE;
}
