import {
  DEFAULT_SETTINGS,
  nextCadenceDue,
  SchedulingSettings,
  settingsProblems,
  slaDeadline,
} from './scheduling-settings';

const s = DEFAULT_SETTINGS; // New York, weekdays 09:00–17:00

describe('slaDeadline', () => {
  it('counts wall minutes for urgent and high, business minutes for normal', () => {
    // Friday 4 December 2026, 16:30 EST.
    const friday = new Date('2026-12-04T21:30:00Z');
    expect(slaDeadline(s, 'urgent', friday)).toEqual(new Date('2026-12-04T21:35:00Z'));
    expect(slaDeadline(s, 'high', friday)).toEqual(new Date('2026-12-04T21:45:00Z'));
    // 30 minutes Friday, 30 Monday from 09:00.
    expect(slaDeadline(s, 'normal', friday)).toEqual(new Date('2026-12-07T14:30:00Z'));
  });
});

describe('nextCadenceDue (the default cadence)', () => {
  it('retries in two hours, moved to the next opening when the clinic is closed', () => {
    expect(nextCadenceDue(s, 1, new Date('2026-12-07T15:00:00Z'), 'America/New_York')).toEqual(
      new Date('2026-12-07T17:00:00Z'),
    );
    // 16:00 + 2 h is 18:00, after closing: Tuesday 09:00.
    expect(nextCadenceDue(s, 1, new Date('2026-12-07T21:00:00Z'), 'America/New_York')).toEqual(
      new Date('2026-12-08T14:00:00Z'),
    );
  });

  it('then the next business day at 10:00 in the lead’s zone, then three business days on, then stops', () => {
    const monday = new Date('2026-12-07T20:00:00Z');
    expect(nextCadenceDue(s, 2, monday, 'America/Los_Angeles')).toEqual(
      new Date('2026-12-08T18:00:00Z'),
    );
    // Friday 11 December at 15:00 EST: Wednesday the 16th, same time.
    expect(nextCadenceDue(s, 3, new Date('2026-12-11T20:00:00Z'), 'America/New_York')).toEqual(
      new Date('2026-12-16T20:00:00Z'),
    );
    expect(nextCadenceDue(s, 4, monday, 'America/New_York')).toBeNull();
  });
});

describe('settingsProblems', () => {
  it('answers malformed hours with field errors, not exceptions', () => {
    const hours = { mon: null, tue: 'x', wed: [{ start: 9 }], thu: [], fri: [], sat: [], sun: [] };
    const problems = settingsProblems({
      ...s,
      businessHours: hours,
    } as unknown as SchedulingSettings);
    expect(problems.map((p) => p.field)).toEqual([
      'businessHours.mon',
      'businessHours.tue',
      'businessHours.wed[0].start',
      'businessHours.wed[0].end',
    ]);
  });

  it('refuses a cadence time that is not a string', () => {
    const bad = {
      ...s,
      cadence: [{ type: 'next_business_day_at', time: ['10:00'] }],
    } as unknown as SchedulingSettings;
    expect(settingsProblems(bad).map((p) => p.field)).toEqual(['cadence[0].time']);
  });

  it('refuses settings under which holidays leave no business hour within a year', () => {
    const saturdays = Array.from({ length: 60 }, (_, week) =>
      new Date(Date.UTC(2026, 0, 3 + 7 * week)).toISOString().slice(0, 10),
    );
    const closed = {
      ...s,
      businessHours: {
        mon: [],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sun: [],
        sat: [{ start: '09:00', end: '13:00' }],
      },
      holidays: saturdays,
    } as SchedulingSettings;
    const from = new Date('2026-01-01T12:00:00Z');
    expect(settingsProblems(closed, from)).toEqual([
      { field: 'firstContactSla.normal.minutes', message: 'finds no business hours within a year' },
      { field: 'cadence[1]', message: 'finds no business hours within a year' },
      { field: 'cadence[2]', message: 'finds no business hours within a year' },
    ]);
    // A year later the same hours are open again.
    expect(settingsProblems(closed, new Date('2027-03-01T12:00:00Z'))).toEqual([]);
  });

  it('accepts the defaults', () => {
    expect(settingsProblems(s)).toEqual([]);
  });

  it('names every problem at once', () => {
    const bad = {
      ...s,
      timeZone: 'Atlantis/Capital',
      businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: ['2026-13-01'],
      firstContactSla: { ...s.firstContactSla, high: { minutes: 0, clock: 'sometimes' } },
      cadence: [
        { type: 'next_business_day_at', time: '25:00' },
        { type: 'business_days', days: 0 },
        { type: 'wall_minutes', minutes: 1.5 },
        { type: 'whenever' },
      ],
    } as unknown as SchedulingSettings;
    expect(settingsProblems(bad).map((p) => p.field)).toEqual([
      'timeZone',
      'businessHours',
      'holidays[0]',
      'firstContactSla.high.minutes',
      'firstContactSla.high.clock',
      'cadence[0].time',
      'cadence[1].days',
      'cadence[2].minutes',
      'cadence[3].type',
    ]);
  });
});
