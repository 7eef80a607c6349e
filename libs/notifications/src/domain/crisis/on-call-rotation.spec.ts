import {
  coverageGaps,
  DEFAULT_ON_CALL,
  onCallAt,
  OnCallSettings,
  onCallProblems,
  pagingOrder,
} from './on-call-rotation';

const DAY = 'aaaaaaaa-0000-4000-8000-000000000001';
const NIGHT = 'aaaaaaaa-0000-4000-8000-000000000002';
const WEEKEND = 'aaaaaaaa-0000-4000-8000-000000000003';
const BACKUP = 'aaaaaaaa-0000-4000-8000-000000000004';

// Weekdays 08:00–18:00, weeknights 18:00–08:00 (Friday's runs into Saturday morning), and the
// weekend from Saturday 08:00 to Monday 08:00, in New York.
const ROTATION: OnCallSettings = {
  timeZone: 'America/New_York',
  ackTimeoutMinutes: 5,
  shifts: [
    { staffId: DAY, days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
    { staffId: NIGHT, days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '18:00', end: '08:00' },
    { staffId: WEEKEND, days: ['sat'], start: '08:00', end: '24:00' },
    { staffId: WEEKEND, days: ['sun'], start: '00:00', end: '08:00' },
    { staffId: WEEKEND, days: ['sun'], start: '08:00', end: '08:00' },
  ],
  escalation: [BACKUP, DAY],
};

describe('on-call rotation', () => {
  it('finds who is on call by day, by night and over the weekend, in the clinic zone', () => {
    expect(onCallAt(ROTATION, new Date('2026-12-02T15:00:00Z'))).toBe(DAY); // Wed 10:00
    expect(onCallAt(ROTATION, new Date('2026-12-03T03:00:00Z'))).toBe(NIGHT); // Wed 22:00
    expect(onCallAt(ROTATION, new Date('2026-12-05T12:59:00Z'))).toBe(NIGHT); // Sat 07:59, Friday night
    expect(onCallAt(ROTATION, new Date('2026-12-05T13:00:00Z'))).toBe(WEEKEND); // Sat 08:00
    expect(onCallAt(ROTATION, new Date('2026-12-07T04:00:00Z'))).toBe(WEEKEND); // Sun 23:00
    expect(onCallAt(ROTATION, new Date('2026-12-07T12:59:00Z'))).toBe(WEEKEND); // Mon 07:59
    expect(onCallAt(ROTATION, new Date('2026-12-07T13:00:00Z'))).toBe(DAY); // Mon 08:00
  });

  it('covers the whole week with that rotation, and names the gaps of a partial one', () => {
    expect(coverageGaps(ROTATION)).toEqual([]);
    const weekdaysOnly: OnCallSettings = { ...ROTATION, shifts: [ROTATION.shifts[0]] };
    expect(coverageGaps(weekdaysOnly)).toContainEqual({ day: 'mon', from: '00:00', to: '08:00' });
    expect(coverageGaps(weekdaysOnly)).toContainEqual({ day: 'fri', from: '18:00', to: '24:00' });
    expect(coverageGaps(weekdaysOnly)).toContainEqual({ day: 'sat', from: '00:00', to: '24:00' });
    expect(onCallAt(weekdaysOnly, new Date('2026-12-05T15:00:00Z'))).toBeNull();
  });

  it('pages the person on call, then the escalation list without them, keeping only who can be paged', () => {
    const wednesday = new Date('2026-12-02T15:00:00Z');
    const everyone = new Set([DAY, NIGHT, WEEKEND, BACKUP]);
    expect(pagingOrder(ROTATION, wednesday, everyone)).toEqual([DAY, BACKUP]);
    expect(pagingOrder(ROTATION, wednesday, new Set([BACKUP]))).toEqual([BACKUP]);
    expect(pagingOrder(DEFAULT_ON_CALL, wednesday, everyone)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = onCallProblems({
      timeZone: 'Mars/Olympus',
      ackTimeoutMinutes: 0,
      shifts: [{ staffId: 'nope', days: ['mon', 'mon'], start: '8am', end: '25:00' }],
      escalation: [BACKUP, BACKUP],
    } as OnCallSettings);
    expect(problems.map((p) => p.field)).toEqual([
      'timeZone',
      'ackTimeoutMinutes',
      'shifts[0].staffId',
      'shifts[0].days',
      'shifts[0].start',
      'shifts[0].end',
      'escalation',
    ]);
    expect(onCallProblems(ROTATION)).toEqual([]);
  });
});
