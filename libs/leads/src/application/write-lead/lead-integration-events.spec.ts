import { eventSchemaErrors } from '../../../../../test/support/event-schema-validator';
import { Inquiry } from '../../domain/inquiry';
import { NO_CONSENT } from '../../domain/consent';
import { DEFAULT_CONTACT_RULES } from '../../domain/contact-rules';
import { Lead } from '../../domain/lead';
import { toIntegrationEvents } from './lead-integration-events';

const PERSONAL = [
  'Ann',
  'Lee',
  'ann@example.com',
  '+14155552671',
  'weekday evenings',
  'a friend told me',
  'secret',
];

const IP_HASH = 'f00dfeedf00dfeedf00dfeedf00dfeed';

function inquiry(submissionId: string, at: Date, phone: string | null = null): Inquiry {
  return {
    submissionId,
    formKey: 'consultation',
    receivedAt: at,
    contact: { email: 'ann@example.com', phone },
    profile: {
      firstName: 'Ann',
      lastName: 'Lee',
      preferredContact: 'phone',
      bestTimeToContact: 'weekday evenings',
      state: 'CA',
      interest: 'depression',
      howDidYouHear: 'a friend told me',
      language: 'es',
      contactConsent: true,
      smsConsent: true,
    },
    touch: {
      submissionId,
      formKey: 'consultation',
      at,
      utmSource: 'google',
      utmMedium: 'cpc',
      utmCampaign: 'spring',
      utmTerm: null,
      utmContent: null,
      gclid: 'abc',
      landingPage: 'https://clinic.example/ketamine?email=ann@example.com&token=secret',
      referrer: null,
    },
    message: null,
    consent: {
      grants: [
        {
          id: `${submissionId.slice(0, -3)}${submissionId.slice(-1)}c1`,
          kind: 'contact',
          wordingVersion: 2,
        },
        {
          id: `${submissionId.slice(0, -3)}${submissionId.slice(-1)}c2`,
          kind: 'sms',
          wordingVersion: null,
        },
      ],
      pageOrigin: 'https://clinic.example',
      pagePath: '/ketamine',
      ipHash: IP_HASH,
    },
  };
}

describe('lead integration events', () => {
  const lead = Lead.fromInquiry(
    '0193f0a0-0000-7000-8000-000000000001',
    inquiry('0193f0a0-0000-7000-8000-00000000000a', new Date('2026-11-28T10:00:00Z')),
  );
  lead.attach(
    inquiry(
      '0193f0a0-0000-7000-8000-00000000000b',
      new Date('2026-11-28T11:00:00Z'),
      '+14155552671',
    ),
  );
  const events = toIntegrationEvents(lead.pullEvents());

  it('keys every event by the lead', () => {
    expect(events.map((e) => [e.type, e.key, e.subject])).toEqual([
      ['intake.lead.submitted.v1', lead.id, lead.id],
      ['intake.lead.resubmitted.v1', lead.id, lead.id],
    ]);
  });

  it('publishes the boxes the form ticked on lead.submitted, not as grants of their own', () => {
    expect(events[0]!.data).toMatchObject({ contactConsent: true, smsConsent: true });
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(IP_HASH);
  });

  it('produces payloads that satisfy the published schemas', () => {
    for (const event of events) expect(eventSchemaErrors(event)).toEqual([]);
  });

  it('carries no personal value, not even inside a landing page URL', () => {
    const serialized = JSON.stringify(events.map((e) => e.data));
    for (const value of PERSONAL) expect(serialized).not.toContain(value);
    expect(events[0]!.data).toMatchObject({
      hasEmail: true,
      hasPhone: false,
      smsConsent: true,
      attribution: { landingPage: 'https://clinic.example/ketamine' },
    });
  });
});

describe('the triage events', () => {
  const lead = Lead.fromInquiry('0193f0a0-0000-7000-8000-000000000002', {
    ...inquiry(
      '0193f0a0-0000-7000-8000-00000000000c',
      new Date('2026-11-28T10:00:00Z'),
      '+14155552671',
    ),
    message: 'some days I want to die',
    consent: { grants: [], pageOrigin: null, pagePath: null, ipHash: null },
  });
  const by = (minutes: number) => ({
    actorId: '0193f0a0-0000-7000-8000-0000000000ff',
    at: new Date(Date.parse('2026-11-28T10:00:00Z') + minutes * 60_000),
  });
  lead.assignTo('0193f0a0-0000-7000-8000-0000000000ee', by(1));
  lead.recordContactAttempt(
    {
      id: '0193f0a0-0000-7000-8000-0000000000a1',
      channel: 'phone',
      outcome: 'reached',
      note: 'secret note about her treatment',
      callbackAt: by(60).at,
    },
    by(3),
    { consent: NO_CONSENT, rules: DEFAULT_CONTACT_RULES },
  );
  lead.transitionTo('disqualified', 'insurance', by(5));
  lead.setPriority('high', false, by(6));
  lead.recordConsent(
    {
      id: '0193f0a0-0000-7000-8000-0000000000d1',
      kind: 'sms',
      action: 'withdrawn',
      source: 'sms_reply',
    },
    by(7),
  );
  const events = toIntegrationEvents(lead.pullEvents());

  it('maps every kind to its type, keyed by the lead', () => {
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['intake.lead.submitted.v1', lead.id],
      ['intake.lead.assigned.v1', lead.id],
      ['intake.lead.contact_attempted.v1', lead.id],
      ['intake.lead.status_changed.v1', lead.id],
      ['intake.lead.status_changed.v1', lead.id],
      ['intake.lead.priority_changed.v1', lead.id],
      ['intake.consent.withdrawn.v1', lead.id],
    ]);
  });

  it('produces payloads that satisfy the published schemas', () => {
    for (const event of events) expect(eventSchemaErrors(event)).toEqual([]);
  });

  it('carries codes, ids and times, never the note, the message or contact details', () => {
    expect(events[0]!.data).toMatchObject({ priority: 'urgent', crisisFlag: true });
    expect(events[2]!.data).toEqual({
      leadId: lead.id,
      attemptId: '0193f0a0-0000-7000-8000-0000000000a1',
      attemptNumber: 1,
      channel: 'phone',
      outcome: 'reached',
      secondsSinceSubmission: 180,
      callbackScheduled: true,
      status: 'contacted',
      actorId: by(0).actorId,
      attemptedAt: '2026-11-28T10:03:00.000Z',
    });
    expect(events[3]!.data).toMatchObject({ from: 'new', to: 'contacted', reason: null });
    expect(events[4]!.data).toMatchObject({
      from: 'contacted',
      to: 'disqualified',
      reason: 'insurance',
    });
    expect(events[5]!.data).toMatchObject({ from: 'urgent', to: 'high', crisisFlag: false });
    expect(events[6]!.data).toEqual({
      leadId: lead.id,
      consentId: '0193f0a0-0000-7000-8000-0000000000d1',
      kind: 'sms',
      source: 'sms_reply',
      wordingVersion: null,
      recordedBy: by(0).actorId,
      recordedAt: '2026-11-28T10:07:00.000Z',
    });
    const serialized = JSON.stringify(events.map((e) => e.data));
    for (const value of [...PERSONAL, 'secret note', 'want to die']) {
      expect(serialized).not.toContain(value);
    }
  });
});
