import type { PublishedEvent } from '@intake/events';
import { webhookPayloadOf } from './webhook-payload';

describe('webhook payload', () => {
  it('is the published envelope without the fields that could tell of a condition', () => {
    const published = {
      eventId: '0192d5a0-0000-7000-8000-000000000001',
      occurredAt: '2026-12-05T10:00:00.000Z',
      leadId: '0192d5a0-0000-7000-8000-000000000002',
      sequence: 3,
      schemaVersion: '1.2',
      submissionId: '0192d5a0-0000-7000-8000-000000000003',
      formKey: 'ketamine-depression',
      status: 'new',
      priority: 'urgent',
      crisisFlag: true,
      interest: 'depression',
      state: 'CA',
      hasEmail: true,
      attribution: { utmCampaign: 'ptsd-search', landingPage: 'https://clinic.example/ketamine' },
    } as unknown as PublishedEvent;
    expect(webhookPayloadOf(published)).toEqual({
      eventId: '0192d5a0-0000-7000-8000-000000000001',
      occurredAt: '2026-12-05T10:00:00.000Z',
      leadId: '0192d5a0-0000-7000-8000-000000000002',
      sequence: 3,
      schemaVersion: '1.2',
      submissionId: '0192d5a0-0000-7000-8000-000000000003',
      status: 'new',
      state: 'CA',
      hasEmail: true,
    });
  });
});
