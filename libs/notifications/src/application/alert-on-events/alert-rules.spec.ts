import type { PublishedEvent } from '@intake/events';
import { alertsFor } from './alert-rules';

const LEAD = '0190f0f0-0000-7000-8000-000000000001';
const OWNER = '0190f0f0-0000-7000-8000-000000000002';
const ADMIN = '0190f0f0-0000-7000-8000-000000000003';
const envelope = {
  eventId: '0190f0f0-0000-7000-8000-0000000000e1',
  occurredAt: '2026-12-02T15:00:00.000Z',
  leadId: LEAD,
  sequence: 3,
  schemaVersion: '1.0',
};
const assigned = (reason: string, actorId: string | null = ADMIN) =>
  ({
    ...envelope,
    leadId: LEAD,
    ownerId: OWNER,
    previousOwnerId: null,
    reason,
    actorId,
    assignedAt: envelope.occurredAt,
  }) as unknown as PublishedEvent;

describe('alertsFor', () => {
  it('tells the new owner, keyed by the event, linking the console, urgent for urgent leads', () => {
    expect(
      alertsFor('intake.lead.assigned.v1', assigned('rule', null), { priority: 'urgent' }),
    ).toEqual([
      {
        kind: 'lead_assigned',
        to: { staffIds: [OWNER] },
        dedupeKey: envelope.eventId,
        title: 'Urgent lead assigned to you — open in Intake',
        link: `/console/leads/${LEAD}`,
        leadId: LEAD,
        urgency: 'urgent',
      },
    ]);
    expect(
      alertsFor('intake.lead.assigned.v1', assigned('manual'), { priority: 'normal' })[0],
    ).toMatchObject({ title: 'Lead assigned to you — open in Intake', urgency: 'normal' });
  });

  it('says escalated for an escalation, and nothing to someone who took the lead themselves', () => {
    expect(
      alertsFor('intake.lead.assigned.v1', assigned('escalation', null), { priority: 'normal' })[0],
    ).toMatchObject({
      kind: 'escalated_to_me',
      title: 'Lead escalated to you — open in Intake',
      urgency: 'urgent',
    });
    expect(
      alertsFor('intake.lead.assigned.v1', assigned('manual', OWNER), { priority: 'normal' }),
    ).toEqual([]);
  });

  it('tells admins about a lead nobody can take', () => {
    const waiting = {
      ...envelope,
      cause: 'nobody_working',
      priority: 'high',
      nextAttemptAt: null,
      decisionId: envelope.eventId,
      ruleId: null,
      poolId: null,
      skippedCount: 0,
      decidedAt: envelope.occurredAt,
    } as unknown as PublishedEvent;
    expect(alertsFor('intake.lead.unassignable.v1', waiting, { priority: 'high' })).toEqual([
      expect.objectContaining({
        kind: 'lead_waiting',
        to: { admins: true },
        title: 'High-priority lead waiting: nobody is working now — open in Intake',
      }),
    ]);
  });

  it('tells the assignee about a due and an overdue follow-up, and nobody when there is none', () => {
    const followUp = {
      ...envelope,
      followUpId: envelope.eventId,
      kind: 'first_contact',
      attempt: 1,
      assigneeId: OWNER,
      dueAt: envelope.occurredAt,
      slaDeadline: envelope.occurredAt,
      at: envelope.occurredAt,
      priority: 'normal',
      reassigned: false,
    } as unknown as PublishedEvent;
    // A first contact is due on assignment: the assignment's alert covers it.
    expect(alertsFor('intake.followup.due.v1', followUp, { priority: 'normal' })).toEqual([]);
    const retry = { ...followUp, kind: 'retry', attempt: 2 } as unknown as PublishedEvent;
    expect(alertsFor('intake.followup.due.v1', retry, { priority: 'normal' })[0]).toMatchObject({
      kind: 'follow_up_due',
      urgency: 'normal',
      to: { staffIds: [OWNER] },
    });
    expect(
      alertsFor('intake.followup.overdue.v1', followUp, { priority: 'normal' })[0],
    ).toMatchObject({
      kind: 'follow_up_overdue',
      urgency: 'urgent',
    });
    const nobody = { ...retry, assigneeId: null } as unknown as PublishedEvent;
    expect(alertsFor('intake.followup.due.v1', nobody, { priority: 'normal' })).toEqual([]);
    expect(alertsFor('intake.lead.submitted.v1', followUp, { priority: 'normal' })).toEqual([]);
  });
});
