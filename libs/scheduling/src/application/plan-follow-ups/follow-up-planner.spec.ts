import {
  ContactOutcome,
  DEFAULT_CONTACT_RULES,
  Inquiry,
  Lead,
  LeadAutomation,
  LeadEvent,
  LeadState,
  NO_CONSENT,
} from '@intake/leads';
import { IdGenerator } from '@intake/platform';
import { FollowUp, FollowUpEvent, FollowUpState, NewFollowUp } from '../../domain/follow-up';
import { DEFAULT_SETTINGS, SchedulingSettings } from '../../domain/scheduling-settings';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { FollowUpPlanner } from './follow-up-planner';
import { FollowUpStore } from '../save-follow-ups/follow-up-store';

const LEAD = '01970000-0000-7000-8000-000000000001';
const CORA = '01970000-0000-7000-8000-0000000000c1';
const BEN = '01970000-0000-7000-8000-0000000000b1';
// Wednesday 2 December 2026, 10:00 in New York: the clinic (weekdays 9–17) is open.
const SUBMITTED = new Date('2026-12-02T15:00:00Z');
const minutesLater = (minutes: number) => new Date(SUBMITTED.getTime() + minutes * 60_000);

/** The clinic's defaults, with a one-step cadence: one retry 2 hours after an unanswered call. */
const SETTINGS: SchedulingSettings = {
  ...DEFAULT_SETTINGS,
  cadence: [{ type: 'wall_minutes', minutes: 120 }],
};

type AttemptEvent = Extract<LeadEvent, { kind: 'contact_attempted' }>;

interface Write {
  write: 'insert' | 'update';
  followUp: FollowUpState;
  /** The events saved with it, as `kind` or `kind:cause`. */
  events: string[];
}

/** FollowUpStore in memory: at most one open follow-up, and every write the planner asked for. */
class FakeStore implements Pick<FollowUpStore, 'findOpenForUpdate' | 'insert' | 'update'> {
  open: FollowUp | null = null;
  readonly writes: Write[] = [];

  async findOpenForUpdate(leadId: string): Promise<FollowUp | null> {
    return this.open?.snapshot().leadId === leadId ? this.open : null;
  }

  async insert(followUp: FollowUp): Promise<void> {
    this.record('insert', followUp);
    this.open = followUp;
  }

  async update(followUp: FollowUp): Promise<void> {
    this.record('update', followUp);
    if (!followUp.isOpen) this.open = null;
  }

  private record(write: Write['write'], followUp: FollowUp): void {
    const events = followUp
      .pullEvents()
      .map((e: FollowUpEvent) => (e.kind === 'scheduled' ? `scheduled:${e.cause}` : e.kind));
    this.writes.push({ write, followUp: { ...followUp.snapshot() }, events });
  }
}

/** LeadAutomation in memory: the leads it can lock, and what the planner asked it to do. */
class FakeAutomation implements Pick<LeadAutomation, 'lock' | 'closeAsUnresponsive'> {
  readonly leads = new Map<string, Readonly<LeadState>>();
  readonly asked: Array<{ closeAsUnresponsive: string; at: Date }> = [];

  async lock(leadId: string): Promise<Lead | null> {
    const state = this.leads.get(leadId);
    return state ? Lead.restore(state) : null;
  }

  async closeAsUnresponsive(lead: Lead, at: Date): Promise<Lead> {
    this.asked.push({ closeAsUnresponsive: lead.id, at });
    return lead;
  }
}

function inquiry(): Inquiry {
  const touch = {
    submissionId: 'submission-1',
    formKey: 'consultation',
    at: SUBMITTED,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    gclid: null,
    landingPage: null,
    referrer: null,
  };
  return {
    submissionId: 'submission-1',
    formKey: 'consultation',
    receivedAt: SUBMITTED,
    contact: { email: 'ann@example.com', phone: '+14155550100' },
    profile: {
      firstName: 'Ann',
      lastName: null,
      preferredContact: 'phone',
      bestTimeToContact: null,
      state: 'NY',
      interest: 'depression',
      howDidYouHear: null,
      language: null,
      contactConsent: true,
      smsConsent: false,
    },
    touch,
    message: null,
    consent: { grants: [], pageOrigin: null, pagePath: null, ipHash: null },
  };
}

/** A lead as submitted at SUBMITTED, handed to Cora at `assignedAt`; its events already handled. */
function leadOwnedByCora(assignedAt = minutesLater(10)): Lead {
  const lead = Lead.fromInquiry(LEAD, inquiry());
  lead.assignTo(CORA, { actorId: null, at: assignedAt }, 'rule');
  lead.pullEvents();
  return lead;
}

/** Cora's call on the lead, as the lead records it: the event the planner reacts to. */
function call(
  lead: Lead,
  outcome: ContactOutcome,
  at: Date,
  callbackAt: Date | null = null,
): AttemptEvent {
  lead.recordContactAttempt(
    {
      id: `attempt-${lead.snapshot().contactAttemptCount + 1}`,
      channel: 'phone',
      outcome,
      note: null,
      callbackAt,
    },
    { actorId: CORA, at },
    { consent: NO_CONSENT, rules: DEFAULT_CONTACT_RULES },
  );
  const event = lead.pullEvents().find((e): e is AttemptEvent => e.kind === 'contact_attempted');
  if (!event) throw new Error('no contact_attempted event');
  return event;
}

/** An open follow-up already stored for the lead. */
function stored(overrides: Partial<NewFollowUp> = {}): FollowUp {
  const followUp = FollowUp.schedule(
    {
      id: 'follow-up-open',
      leadId: LEAD,
      kind: 'first_contact',
      dueAt: minutesLater(10),
      slaDeadline: minutesLater(60),
      assigneeId: CORA,
      attempt: 1,
      priority: 'normal',
      ...overrides,
    },
    'assignment',
    minutesLater(10),
  );
  followUp.pullEvents();
  return followUp;
}

describe('FollowUpPlanner', () => {
  let store: FakeStore;
  let automation: FakeAutomation;
  let planner: FollowUpPlanner;

  beforeEach(() => {
    store = new FakeStore();
    automation = new FakeAutomation();
    let ids = 0;
    const idGenerator: IdGenerator = { next: () => `follow-up-${++ids}` };
    const settings: Pick<SettingsRepository, 'get'> = { get: async () => SETTINGS };
    planner = new FollowUpPlanner(
      store as unknown as FollowUpStore,
      settings as unknown as SettingsRepository,
      automation as unknown as LeadAutomation,
      idGenerator,
    );
  });

  describe('after assignment', () => {
    it('gives a new lead its first contact, due now, its SLA running from the request', async () => {
      const lead = leadOwnedByCora(minutesLater(10));
      await planner.afterAssignment(lead.snapshot(), minutesLater(10), 'assignment');
      expect(store.writes).toEqual([
        {
          write: 'insert',
          followUp: expect.objectContaining({
            id: 'follow-up-1',
            leadId: LEAD,
            kind: 'first_contact',
            status: 'open',
            attempt: 1,
            assigneeId: CORA,
            priority: 'normal',
            dueAt: minutesLater(10),
            // 60 business minutes from the request at 10:00, not from the assignment.
            slaDeadline: minutesLater(60),
          }),
          events: ['scheduled:assignment'],
        },
      ]);
    });

    it('moves the open follow-up to the new owner, and makes no other', async () => {
      store.open = stored();
      const lead = leadOwnedByCora();
      lead.assignTo(BEN, { actorId: CORA, at: minutesLater(20) });
      await planner.afterAssignment(lead.snapshot(), minutesLater(20), 'assignment');
      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({
            id: 'follow-up-open',
            status: 'open',
            assigneeId: BEN,
            slaDeadline: minutesLater(60),
          }),
          events: ['scheduled:reassigned'],
        },
      ]);
    });

    it('schedules a retry, its SLA from now, for a reopened lead that was called before', async () => {
      const lead = leadOwnedByCora();
      call(lead, 'no_answer', minutesLater(15));
      lead.transitionTo('lost', null, { actorId: CORA, at: minutesLater(30) });
      lead.transitionTo('attempting_contact', null, { actorId: CORA, at: minutesLater(120) });
      lead.pullEvents();
      await planner.afterAssignment(lead.snapshot(), minutesLater(120), 'reopened');
      expect(store.writes).toEqual([
        {
          write: 'insert',
          followUp: expect.objectContaining({
            kind: 'retry',
            attempt: 1,
            dueAt: minutesLater(120),
            // 12:00 in New York plus 60 business minutes.
            slaDeadline: minutesLater(180),
          }),
          events: ['scheduled:reopened'],
        },
      ]);
    });

    it('schedules nothing for a person already reached', async () => {
      const lead = leadOwnedByCora();
      call(lead, 'reached', minutesLater(15));
      await planner.afterAssignment(lead.snapshot(), minutesLater(20), 'assignment');
      expect(store.writes).toEqual([]);
    });
  });

  describe('after an attempt', () => {
    it('completes the open follow-up and schedules the cadence’s next step', async () => {
      store.open = stored();
      const lead = leadOwnedByCora();
      await planner.afterAttempt(call(lead, 'no_answer', minutesLater(15)));
      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({
            id: 'follow-up-open',
            status: 'completed',
            outcome: 'no_answer',
            attemptId: 'attempt-1',
            closedAt: minutesLater(15),
          }),
          events: ['completed'],
        },
        {
          write: 'insert',
          followUp: expect.objectContaining({
            kind: 'retry',
            status: 'open',
            attempt: 2,
            assigneeId: CORA,
            // The one cadence step: 2 hours after the unanswered call.
            dueAt: minutesLater(135),
          }),
          events: ['scheduled:cadence'],
        },
      ]);
      expect(automation.asked).toEqual([]);
    });

    it('closes the lead as unresponsive once the cadence is used up, scheduling nothing', async () => {
      store.open = stored({ kind: 'retry', attempt: 2 });
      const lead = leadOwnedByCora();
      call(lead, 'no_answer', minutesLater(15));
      const last = call(lead, 'no_answer', minutesLater(135));
      automation.leads.set(LEAD, lead.snapshot());

      await planner.afterAttempt(last);

      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({ kind: 'retry', attempt: 2, status: 'completed' }),
          events: ['completed'],
        },
      ]);
      expect(automation.asked).toEqual([{ closeAsUnresponsive: LEAD, at: minutesLater(135) }]);
    });

    it('leaves a lead closed meanwhile as it is when the cadence is used up', async () => {
      store.open = stored({ kind: 'retry', attempt: 2 });
      const lead = leadOwnedByCora();
      call(lead, 'no_answer', minutesLater(15));
      const last = call(lead, 'no_answer', minutesLater(135));
      const closed = Lead.restore(lead.snapshot());
      closed.transitionTo('lost', null, { actorId: CORA, at: minutesLater(136) });
      automation.leads.set(LEAD, closed.snapshot());

      await planner.afterAttempt(last);

      expect(automation.asked).toEqual([]);
    });

    it('books the callback the person asked for: attempt 1 once reached, the next attempt if not', async () => {
      const tomorrow = minutesLater(24 * 60);
      store.open = stored();
      const lead = leadOwnedByCora();
      await planner.afterAttempt(call(lead, 'no_answer', minutesLater(15), tomorrow));
      expect(store.writes.map((w) => [w.write, w.followUp.kind, w.followUp.attempt])).toEqual([
        ['update', 'first_contact', 1],
        ['insert', 'callback', 2],
      ]);
      expect(store.writes[1]).toMatchObject({
        // Its SLA runs from the time the person asked for: an hour of business time.
        followUp: { dueAt: tomorrow, assigneeId: CORA, slaDeadline: minutesLater(25 * 60) },
        events: ['scheduled:callback'],
      });

      store.writes.length = 0;
      await planner.afterAttempt(call(lead, 'reached', tomorrow, minutesLater(48 * 60)));
      expect(store.writes.map((w) => [w.write, w.followUp.kind, w.followUp.attempt])).toEqual([
        ['update', 'callback', 2],
        ['insert', 'callback', 1],
      ]);
      expect(store.writes[1]!.followUp.dueAt).toEqual(minutesLater(48 * 60));
    });

    it('schedules nothing more once the person is reached: the coordinator sets what follows', async () => {
      store.open = stored();
      const lead = leadOwnedByCora();
      await planner.afterAttempt(call(lead, 'reached', minutesLater(15)));
      expect(store.writes.map((w) => [w.write, w.followUp.status])).toEqual([
        ['update', 'completed'],
      ]);
      expect(automation.asked).toEqual([]);
    });

    it('runs no cadence for a person reached before and being worked again', async () => {
      const lead = leadOwnedByCora();
      call(lead, 'reached', minutesLater(15));
      // A no-show: back to trying to reach them.
      lead.transitionTo('attempting_contact', null, { actorId: CORA, at: minutesLater(60) });
      lead.pullEvents();
      automation.leads.set(LEAD, lead.snapshot());
      await planner.afterAttempt(call(lead, 'no_answer', minutesLater(90)));
      expect(store.writes).toEqual([]);
      expect(automation.asked).toEqual([]);
    });

    it('schedules the next step from attempt 1 when no follow-up was open', async () => {
      const lead = leadOwnedByCora();
      await planner.afterAttempt(call(lead, 'no_answer', minutesLater(15)));
      expect(store.writes).toEqual([
        {
          write: 'insert',
          followUp: expect.objectContaining({
            kind: 'retry',
            attempt: 2,
            dueAt: minutesLater(135),
          }),
          events: ['scheduled:cadence'],
        },
      ]);
    });
  });

  describe('after the person is reached without an attempt', () => {
    it('stops the calls to reach them', async () => {
      store.open = stored({ kind: 'retry', attempt: 2 });
      await planner.afterReached(LEAD, minutesLater(30));
      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({ status: 'cancelled', cancelReason: 'reached' }),
          events: ['cancelled'],
        },
      ]);
    });

    it('keeps a callback, and does nothing without an open follow-up', async () => {
      store.open = stored({ kind: 'callback' });
      await planner.afterReached(LEAD, minutesLater(30));
      store.open = null;
      await planner.afterReached(LEAD, minutesLater(30));
      expect(store.writes).toEqual([]);
    });
  });

  describe('after the lead closes', () => {
    it('cancels the open follow-up, whatever its kind', async () => {
      store.open = stored({ kind: 'callback' });
      await planner.afterClose(LEAD, minutesLater(30));
      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({
            kind: 'callback',
            status: 'cancelled',
            cancelReason: 'lead_closed',
            closedAt: minutesLater(30),
          }),
          events: ['cancelled'],
        },
      ]);
    });

    it('does nothing when no follow-up is open', async () => {
      await planner.afterClose(LEAD, minutesLater(30));
      expect(store.writes).toEqual([]);
    });
  });

  describe('after a priority change', () => {
    it('tightens a new lead’s first-contact deadline, measured from the request', async () => {
      store.open = stored();
      const lead = leadOwnedByCora();
      lead.setPriority('urgent', true, { actorId: CORA, at: minutesLater(2) });
      await planner.afterPriorityChange(lead.snapshot());
      expect(store.writes).toEqual([
        {
          write: 'update',
          // Urgent: 5 wall minutes from the request at 10:00.
          followUp: expect.objectContaining({ priority: 'urgent', slaDeadline: minutesLater(5) }),
          events: [],
        },
      ]);
    });

    it('moves a retry in the queue but keeps its deadline', async () => {
      store.open = stored({ kind: 'retry', attempt: 2, slaDeadline: minutesLater(240) });
      const lead = leadOwnedByCora();
      call(lead, 'no_answer', minutesLater(15));
      lead.setPriority('high', false, { actorId: CORA, at: minutesLater(20) });
      await planner.afterPriorityChange(lead.snapshot());
      expect(store.writes).toEqual([
        {
          write: 'update',
          followUp: expect.objectContaining({ priority: 'high', slaDeadline: minutesLater(240) }),
          events: [],
        },
      ]);
    });

    it('does nothing when no follow-up is open', async () => {
      const lead = leadOwnedByCora();
      lead.setPriority('urgent', true, { actorId: CORA, at: minutesLater(2) });
      await planner.afterPriorityChange(lead.snapshot());
      expect(store.writes).toEqual([]);
    });
  });
});
