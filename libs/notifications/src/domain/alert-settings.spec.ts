import {
  AlertSettings,
  defaultAlertSettings,
  inQuietHours,
  nextDigestAt,
  routeAlert,
} from './alert-settings';

const person = (overrides: Partial<AlertSettings> = {}): AlertSettings => ({
  ...defaultAlertSettings('00000000-0000-7000-8000-00000000000a'),
  ...overrides,
});
const nights = { quietHours: { start: '22:00', end: '07:00' }, timeZone: 'America/Chicago' };
// 23:30 in Chicago (CST, UTC−6) on 2 December 2026.
const LATE = new Date('2026-12-03T05:30:00Z');
// 10:15 in Chicago.
const MORNING = new Date('2026-12-02T16:15:00Z');

describe('routeAlert', () => {
  it('sends an urgent alert on the person’s channels at once', () => {
    const route = routeAlert(
      { kind: 'lead_assigned', urgency: 'urgent' },
      person({ chatWebhookUrl: 'https://hooks.example/x' }),
      'c@clinic.example',
      MORNING,
    );
    expect(route).toEqual({ action: 'send', channels: ['email', 'chat'] });
  });

  it('skips kinds the person does not want, and people it cannot reach', () => {
    const wantsOnlyOverdue = person({ kinds: ['follow_up_overdue'] });
    expect(
      routeAlert(
        { kind: 'lead_assigned', urgency: 'urgent' },
        wantsOnlyOverdue,
        'c@x.example',
        MORNING,
      ),
    ).toEqual({ action: 'skip', reason: 'not_wanted' });
    expect(
      routeAlert({ kind: 'lead_assigned', urgency: 'urgent' }, person(), null, MORNING),
    ).toEqual({
      action: 'skip',
      reason: 'no_channel',
    });
  });

  it('holds a normal alert through quiet hours, in the person’s zone, until they end', () => {
    const route = routeAlert(
      { kind: 'follow_up_due', urgency: 'normal' },
      person(nights),
      'c@x.example',
      LATE,
    );
    // 07:00 CST the next morning.
    expect(route).toEqual({ action: 'hold', until: new Date('2026-12-03T13:00:00Z') });
  });

  it('lets urgent alerts through quiet hours', () => {
    expect(
      routeAlert(
        { kind: 'follow_up_overdue', urgency: 'urgent' },
        person(nights),
        'c@x.example',
        LATE,
      ),
    ).toEqual({ action: 'send', channels: ['email'] });
  });

  it('pages on every channel, through quiet hours and digests, whatever kinds or email choice', () => {
    const reluctant = person({
      ...nights,
      kinds: [],
      emailEnabled: false,
      digest: 'daily',
      chatWebhookUrl: 'https://hooks.example/x',
    });
    expect(
      routeAlert({ kind: 'crisis_page', urgency: 'page' }, reluctant, 'c@x.example', LATE),
    ).toEqual({
      action: 'send',
      channels: ['email', 'chat'],
    });
  });

  it('puts normal alerts in the digest, never sent inside quiet hours', () => {
    const hourly = person({ ...nights, digest: 'hourly' });
    expect(
      routeAlert({ kind: 'follow_up_due', urgency: 'normal' }, hourly, 'c@x.example', MORNING),
    ).toEqual({
      action: 'digest',
      at: new Date('2026-12-02T17:00:00Z'),
    });
    // 21:40 → the 22:00 slot is in quiet hours: 07:00.
    expect(nextDigestAt(hourly, new Date('2026-12-03T03:40:00Z'))).toEqual(
      new Date('2026-12-03T13:00:00Z'),
    );
    expect(nextDigestAt(person({ digest: 'daily', timeZone: 'America/Chicago' }), MORNING)).toEqual(
      new Date('2026-12-03T14:00:00Z'),
    );
  });
});

describe('inQuietHours', () => {
  it('spans midnight when the end is before the start, end excluded', () => {
    const p = person(nights);
    expect(inQuietHours(p, LATE)).toBe(true);
    expect(inQuietHours(p, new Date('2026-12-03T12:59:00Z'))).toBe(true);
    expect(inQuietHours(p, new Date('2026-12-03T13:00:00Z'))).toBe(false);
    expect(inQuietHours(p, MORNING)).toBe(false);
    expect(inQuietHours(person(), LATE)).toBe(false);
  });

  it('follows daylight saving time in the zone', () => {
    const p = person({ quietHours: { start: '12:00', end: '13:00' }, timeZone: 'America/Chicago' });
    // 12:30 CDT in July is 17:30Z; in December 12:30 CST is 18:30Z.
    expect(inQuietHours(p, new Date('2026-07-01T17:30:00Z'))).toBe(true);
    expect(inQuietHours(p, new Date('2026-12-01T17:30:00Z'))).toBe(false);
    expect(inQuietHours(p, new Date('2026-12-01T18:30:00Z'))).toBe(true);
  });
});
