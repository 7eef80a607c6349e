import { FollowUp, NewFollowUp } from './follow-up';

const at = new Date('2026-12-02T15:00:00Z');
const input = (overrides: Partial<NewFollowUp> = {}): NewFollowUp => ({
  id: 'f1',
  leadId: 'l1',
  kind: 'first_contact',
  dueAt: at,
  slaDeadline: new Date('2026-12-02T16:00:00Z'),
  assigneeId: 's1',
  attempt: 1,
  priority: 'normal',
  ...overrides,
});

describe('FollowUp', () => {
  it('is scheduled open, and completed on time or late by its SLA deadline', () => {
    const onTime = FollowUp.schedule(input(), 'assignment', at);
    expect(onTime.pullEvents().map((e) => e.kind)).toEqual(['scheduled']);
    onTime.complete('a1', 'no_answer', new Date('2026-12-02T15:59:00Z'));
    expect(onTime.pullEvents()).toMatchObject([{ kind: 'completed', onTime: true }]);
    expect(onTime.snapshot()).toMatchObject({
      status: 'completed',
      outcome: 'no_answer',
      attemptId: 'a1',
    });
    expect(() => onTime.cancel('lead_closed', at)).toThrow(/completed/);

    const late = FollowUp.schedule(input(), 'assignment', at);
    late.complete('a2', 'reached', new Date('2026-12-02T16:01:00Z'));
    expect(late.pullEvents().at(-1)).toMatchObject({ kind: 'completed', onTime: false });
  });

  it('announces due and overdue once each', () => {
    const f = FollowUp.schedule(input(), 'assignment', at);
    f.pullEvents();
    f.markDue(at);
    f.markDue(at);
    f.markOverdue(true, at);
    f.markOverdue(false, at);
    expect(f.pullEvents().map((e) => e.kind)).toEqual(['due', 'overdue']);
  });

  it('keeps a first contact’s SLA deadline when snoozed, but moves a retry’s', () => {
    const later = new Date('2026-12-03T15:00:00Z');
    const newDeadline = new Date('2026-12-03T16:00:00Z');
    const first = FollowUp.schedule(input(), 'assignment', at);
    first.markDue(at);
    first.reschedule(later, newDeadline, 'patient_request', at);
    expect(first.snapshot()).toMatchObject({
      dueAt: later,
      slaDeadline: new Date('2026-12-02T16:00:00Z'),
      dueNotifiedAt: null,
      rescheduleReason: 'patient_request',
    });
    const retry = FollowUp.schedule(input({ kind: 'retry', attempt: 2 }), 'cadence', at);
    retry.reschedule(later, newDeadline, 'other', at);
    expect(retry.snapshot().slaDeadline).toEqual(newDeadline);
  });

  it('tightens a first contact’s deadline when the priority rises, never loosens it', () => {
    const f = FollowUp.schedule(input(), 'assignment', at);
    f.reprioritize('urgent', new Date('2026-12-02T15:05:00Z'));
    expect(f.snapshot()).toMatchObject({
      priority: 'urgent',
      slaDeadline: new Date('2026-12-02T15:05:00Z'),
    });
    f.reprioritize('normal', new Date('2026-12-02T16:00:00Z'));
    expect(f.snapshot()).toMatchObject({
      priority: 'normal',
      slaDeadline: new Date('2026-12-02T15:05:00Z'),
    });
  });
});
