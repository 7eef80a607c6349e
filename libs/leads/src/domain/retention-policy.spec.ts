import {
  CLOSED_STATUSES,
  DEFAULT_RETENTION,
  retentionCutoffs,
  retentionProblems,
} from './retention-policy';

describe('retention policy', () => {
  it('closed means the statuses no resubmission reopens', () => {
    expect([...CLOSED_STATUSES].sort()).toEqual(
      ['converted', 'disqualified', 'lost', 'unresponsive'].sort(),
    );
  });

  it('accepts the defaults and a null closedLeadYears (never)', () => {
    expect(retentionProblems(DEFAULT_RETENTION)).toEqual([]);
    expect(retentionProblems({ ...DEFAULT_RETENTION, closedLeadYears: null })).toEqual([]);
  });

  it('names every field out of range at once', () => {
    const problems = retentionProblems({
      spamDays: 0,
      rawFieldsDaysAfterClose: 1.5,
      closedLeadYears: 101,
      auditYears: 6,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'spamDays',
      'rawFieldsDaysAfterClose',
      'closedLeadYears',
    ]);
  });

  it('counts days in days and years in calendar years back from now', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(retentionCutoffs(DEFAULT_RETENTION, now)).toEqual({
      spamBefore: new Date('2026-01-30T12:00:00Z'),
      rawFieldsClosedBefore: new Date('2025-12-01T12:00:00Z'),
      closedLeadsBefore: new Date('2019-03-01T12:00:00Z'),
      auditBefore: new Date('2020-03-01T12:00:00Z'),
    });
    expect(
      retentionCutoffs({ ...DEFAULT_RETENTION, closedLeadYears: null }, now).closedLeadsBefore,
    ).toBeNull();
  });
});
