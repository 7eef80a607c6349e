import { AnalyticsQueryInvalidError } from './analytics-errors';
import { reportingWindow } from './reporting-window';

describe('reportingWindow', () => {
  const now = new Date('2026-03-31T12:00:00Z');

  it('defaults to the 30 days up to now', () => {
    expect(reportingWindow({}, now)).toEqual({
      from: new Date('2026-03-01T12:00:00Z'),
      to: now,
    });
    expect(reportingWindow({ to: '2026-02-01T00:00:00Z' }, now).from).toEqual(
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(reportingWindow({ from: '2026-03-30T00:00:00+02:00' }, now)).toEqual({
      from: new Date('2026-03-29T22:00:00Z'),
      to: now,
    });
  });

  it('refuses an empty or reversed window as a field error on from', () => {
    for (const input of [
      { from: '2026-03-02T00:00:00Z', to: '2026-03-02T00:00:00Z' },
      { from: '2026-03-03T00:00:00Z', to: '2026-03-02T00:00:00Z' },
      { from: '2026-04-01T00:00:00Z' },
    ]) {
      try {
        reportingWindow(input, now);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(AnalyticsQueryInvalidError);
        expect((error as AnalyticsQueryInvalidError).fields).toEqual([
          { field: 'from', message: 'from must be before to' },
        ]);
      }
    }
  });
});
