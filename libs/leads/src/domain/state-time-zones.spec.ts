import { IANAZone } from 'luxon';
import { US_STATES } from '../../../intake/src/domain/us-states';
import { leadTimeZone, STATE_TIME_ZONES, timeZoneOfState } from './state-time-zones';

describe('STATE_TIME_ZONES', () => {
  it.each(Object.keys(US_STATES))('has a zone for %s', (code) => {
    expect(STATE_TIME_ZONES[code]).toEqual(expect.any(String));
  });

  it('names only codes that are US states, DC or territories', () => {
    expect(Object.keys(STATE_TIME_ZONES).sort()).toEqual(Object.keys(US_STATES).sort());
  });

  it.each(Object.entries(STATE_TIME_ZONES))('%s → %s is a zone luxon knows', (_code, zone) => {
    expect(IANAZone.isValidZone(zone)).toBe(true);
  });

  it('picks the most populous zone of a state that spans several', () => {
    expect(STATE_TIME_ZONES.TX).toBe('America/Chicago');
    expect(STATE_TIME_ZONES.FL).toBe('America/New_York');
    expect(STATE_TIME_ZONES.AZ).toBe('America/Phoenix');
    expect(STATE_TIME_ZONES.IN).toBe('America/Indiana/Indianapolis');
  });
});

describe('timeZoneOfState', () => {
  it('maps a code, whatever its case and spacing', () => {
    expect(timeZoneOfState('HI', 'UTC')).toBe('Pacific/Honolulu');
    expect(timeZoneOfState(' pr ', 'UTC')).toBe('America/Puerto_Rico');
  });

  it('falls back for null, empty and unknown codes', () => {
    expect(timeZoneOfState(null, 'America/New_York')).toBe('America/New_York');
    expect(timeZoneOfState('ZZ', 'America/Denver')).toBe('America/Denver');
    expect(timeZoneOfState('constructor', 'UTC')).toBe('UTC');
    expect(timeZoneOfState('', 'UTC')).toBe('UTC');
  });
});

describe('leadTimeZone', () => {
  it('gives the zone of a known code and null for anything else', () => {
    expect(leadTimeZone('ca')).toBe('America/Los_Angeles');
    expect(leadTimeZone(null)).toBeNull();
    expect(leadTimeZone('ZZ')).toBeNull();
    expect(leadTimeZone('toString')).toBeNull();
  });
});
