import { weekdays } from './business-time';
import { DEFAULT_SETTINGS } from './scheduling-settings';
import { Candidate, defaultSchedule, nextAvailable, skipReason } from './staff-schedule';

// Wednesday 2 December 2026, 10:00 in New York (the default clinic hours are weekdays 9–17).
const WEDNESDAY_10AM = new Date('2026-12-02T15:00:00Z');
const lead = { state: 'CA', language: 'es' };

function person(overrides: Partial<Candidate> = {}, schedule = {}): Candidate {
  return {
    staffId: 's',
    assignable: true,
    schedule: { ...defaultSchedule('s'), ...schedule },
    away: [],
    openLeads: 0,
    ...overrides,
  };
}

describe('skipReason', () => {
  const reason = (c: Candidate, at = WEDNESDAY_10AM) => skipReason(c, lead, DEFAULT_SETTINGS, at);

  it('lets a present, licensed, speaking person with room take the lead', () => {
    expect(reason(person())).toBeNull();
    expect(
      reason(person({}, { licensedStates: ['CA'], languages: ['en', 'es'], capacity: 3 })),
    ).toBeNull();
  });

  it('names the first reason, permanent ones before those time cures', () => {
    const away = [
      {
        id: 'a',
        staffId: 's',
        startsAt: new Date('2026-12-01'),
        endsAt: new Date('2026-12-03'),
        reason: 'vacation' as const,
      },
    ];
    expect(reason(person({ assignable: false, away }))).toBe('inactive');
    expect(reason(person({ away }, { licensedStates: ['NY'] }))).toBe('not_licensed');
    expect(reason(person({ away }, { languages: ['en'] }))).toBe('language');
    expect(reason(person({ away }))).toBe('away');
    expect(reason(person({}, {}), new Date('2026-12-05T15:00:00Z'))).toBe('off_shift');
    expect(reason(person({ openLeads: 2 }, { capacity: 2 }))).toBe('at_capacity');
    expect(
      skipReason(
        person({ openLeads: 2 }, { capacity: 2 }),
        lead,
        DEFAULT_SETTINGS,
        WEDNESDAY_10AM,
        {
          ignoreCapacity: true,
        },
      ),
    ).toBeNull();
  });

  it('reads working hours in the person’s own time zone', () => {
    // 10:00 in New York is 07:00 in Los Angeles: before a 9–17 shift there.
    const west = person(
      {},
      { timeZone: 'America/Los_Angeles', workingHours: weekdays('09:00', '17:00') },
    );
    expect(reason(west)).toBe('off_shift');
    expect(reason(west, new Date('2026-12-02T17:00:00Z'))).toBeNull();
  });
});

describe('nextAvailable', () => {
  it('is the first working minute after an absence', () => {
    const away = [
      {
        id: 'a',
        staffId: 's',
        startsAt: new Date('2026-12-01T00:00:00Z'),
        endsAt: new Date('2026-12-03T18:00:00Z'),
        reason: 'sick' as const,
      },
    ];
    expect(nextAvailable(person({ away }), lead, DEFAULT_SETTINGS, WEDNESDAY_10AM)).toEqual(
      new Date('2026-12-03T18:00:00Z'),
    );
  });

  it('is never for someone who may not serve the lead', () => {
    expect(
      nextAvailable(person({}, { licensedStates: ['NY'] }), lead, DEFAULT_SETTINGS, WEDNESDAY_10AM),
    ).toBeNull();
    expect(
      nextAvailable(person({ assignable: false }), lead, DEFAULT_SETTINGS, WEDNESDAY_10AM),
    ).toBeNull();
  });
});
