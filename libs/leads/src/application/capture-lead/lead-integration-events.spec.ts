import { schemaErrors } from '../../../../../test/support/event-schema-validator';
import { Inquiry } from '../../domain/inquiry';
import { Lead } from '../../domain/lead';
import { toIntegrationEvent } from './lead-integration-events';

const PERSONAL = [
  'Ann',
  'Lee',
  'ann@example.com',
  '+14155552671',
  'weekday evenings',
  'a friend told me',
  'secret',
];

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
  const events = lead.pullEvents().map(toIntegrationEvent);

  it('keys every event by the lead', () => {
    expect(events.map((e) => [e.type, e.key, e.subject])).toEqual([
      ['intake.lead.submitted.v1', lead.id, lead.id],
      ['intake.lead.resubmitted.v1', lead.id, lead.id],
    ]);
  });

  it('produces payloads that satisfy the published schemas', () => {
    for (const event of events) expect(schemaErrors(event.type, event.data)).toEqual([]);
  });

  it('carries no personal value, not even inside a landing page URL', () => {
    const serialized = JSON.stringify(events.map((e) => e.data));
    for (const value of PERSONAL) expect(serialized).not.toContain(value);
    expect(events[0]!.data).toMatchObject({
      hasEmail: true,
      hasPhone: false,
      attribution: { landingPage: 'https://clinic.example/ketamine' },
    });
  });
});
