import { slaState } from './sla';

describe('slaState', () => {
  // Due 15:00, SLA deadline 15:20: a 20-minute window; amber in its last quarter (5 minutes).
  const f = {
    createdAt: '2026-12-01T14:55:00Z',
    dueAt: '2026-12-01T15:00:00Z',
    slaDeadline: '2026-12-01T15:20:00Z',
  };
  const at = (t: string) => slaState(f, new Date(`2026-12-01T${t}Z`));

  it('is waiting before the follow-up is due', () => {
    expect(at('14:58:00')).toMatchObject({ level: 'waiting', label: 'due in 2m 00s' });
  });

  it('is ok with more than a quarter of the window left', () => {
    expect(at('15:00:00')).toMatchObject({ level: 'ok', label: '20m 00s left' });
    expect(at('15:14:59').level).toBe('ok');
  });

  it('turns amber with a quarter or less left', () => {
    expect(at('15:15:00')).toMatchObject({ level: 'warning', label: '5m 00s left' });
    expect(at('15:19:59')).toMatchObject({ level: 'warning', label: '1s left' });
  });

  it('turns red at the deadline and counts the time over', () => {
    expect(at('15:20:00').level).toBe('breached');
    expect(at('16:25:30')).toMatchObject({ level: 'breached', label: '1h 05m over SLA' });
  });

  it('measures the window from creation when created after it was due', () => {
    const late = { ...f, createdAt: '2026-12-01T15:10:00Z' }; // a 10-minute window
    expect(slaState(late, new Date('2026-12-01T15:12:00Z')).level).toBe('ok');
    expect(slaState(late, new Date('2026-12-01T15:17:30Z')).level).toBe('warning');
  });
});
