import { pinnedCrisis, sortQueue } from './queue';

const at = (iso: string) => new Date(iso);
const item = (id: string, priority: string, dueAt: string, slaDeadline: string) => ({
  id,
  priority,
  dueAt,
  slaDeadline,
});

describe('sortQueue', () => {
  const now = at('2026-12-01T15:00:00Z');

  it('puts overdue first, then priority, then due time, then id', () => {
    const items = [
      item('a', 'normal', '2026-12-01T14:00:00Z', '2026-12-01T16:00:00Z'),
      item('b', 'urgent', '2026-12-01T14:30:00Z', '2026-12-01T15:30:00Z'),
      item('c', 'normal', '2026-12-01T13:00:00Z', '2026-12-01T14:59:00Z'), // overdue
      item('d', 'high', '2026-12-01T14:10:00Z', '2026-12-01T16:00:00Z'),
      item('e', 'urgent', '2026-12-01T14:00:00Z', '2026-12-01T15:30:00Z'),
      item('f', 'high', '2026-12-01T14:10:00Z', '2026-12-01T16:00:00Z'),
    ];
    expect(sortQueue(items, now).map((i) => i.id)).toEqual(['c', 'e', 'b', 'd', 'f', 'a']);
  });

  it('moves a row up when its deadline passes while the page is open', () => {
    const items = [
      item('urgent', 'urgent', '2026-12-01T14:50:00Z', '2026-12-01T15:20:00Z'),
      item('late', 'normal', '2026-12-01T14:00:00Z', '2026-12-01T15:05:00Z'),
    ];
    expect(sortQueue(items, now).map((i) => i.id)).toEqual(['urgent', 'late']);
    expect(sortQueue(items, at('2026-12-01T15:06:00Z')).map((i) => i.id)).toEqual([
      'late',
      'urgent',
    ]);
  });

  it('does not change the array it is given', () => {
    const items = [
      item('b', 'normal', '2026-12-01T14:00:00Z', '2026-12-01T16:00:00Z'),
      item('a', 'urgent', '2026-12-01T14:00:00Z', '2026-12-01T16:00:00Z'),
    ];
    sortQueue(items, now);
    expect(items.map((i) => i.id)).toEqual(['b', 'a']);
  });
});

describe('pinnedCrisis', () => {
  it('keeps crisis-flagged rows, each lead once, in order', () => {
    const rows = [
      { leadId: '1', crisisFlag: false },
      { leadId: '2', crisisFlag: true },
      { leadId: '3', crisisFlag: true },
      { leadId: '2', crisisFlag: true },
    ];
    expect(pinnedCrisis(rows).map((r) => r.leadId)).toEqual(['2', '3']);
  });
});
