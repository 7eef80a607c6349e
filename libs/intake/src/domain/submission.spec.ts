import { parseConsultationRequest } from './consultation-request';
import { DEFAULT_SUBMISSION_LIMITS, Form } from './form';
import { Receipt, Submission } from './submission';
import { eventSchemaErrors } from '../../../../test/support/event-schema-validator';
import { toIntegrationEvent } from '../application/submit-form/submission-integration-events';

const form = new Form({
  key: 'consultation',
  name: 'Consultation',
  allowedOrigins: [],
  thankYouUrl: '/thanks',
  honeypotField: 'website',
  fieldAliases: {},
  requiredFields: [],
  minFillSeconds: 3,
  limits: DEFAULT_SUBMISSION_LIMITS,
});

function receipt(raw: Record<string, string>): Receipt {
  const fields = form.canonicalize(raw);
  return {
    id: '0193f0a0-0000-7000-8000-00000000000a',
    formKey: form.key,
    fields,
    request: parseConsultationRequest(fields.known),
    ipHash: 'abc',
    userAgent: 'x'.repeat(600),
    receivedAt: new Date('2026-11-28T10:00:10.000Z'),
  };
}

const person = {
  firstName: 'Ann',
  email: 'ann@example.com',
  contactConsent: 'on',
  message: 'Private words',
};

describe('Submission', () => {
  it('records an accepted request with its lead, raw fields, fill time and a bounded user agent', () => {
    const s = Submission.accepted(
      receipt({ ...person, formStartedAt: '2026-11-28T10:00:00.000Z', colour: 'blue' }),
      'lead-1',
    ).snapshot();
    expect(s).toMatchObject({
      leadId: 'lead-1',
      status: 'accepted',
      rejectionReason: null,
      fillMs: 10_000,
      unknownFields: { colour: 'blue' },
    });
    expect(s.fields.message).toBe('Private words');
    expect(s.userAgent).toHaveLength(512);
  });

  it('records spam without a lead and raises an event that names no personal data', () => {
    const submission = Submission.rejected(
      receipt({ ...person, website: 'spam', utm_source: 'ads' }),
      'honeypot',
    );
    expect(submission.snapshot()).toMatchObject({
      leadId: null,
      status: 'rejected',
      rejectionReason: 'honeypot',
      fillMs: null,
    });
    const events = submission.pullEvents().map(toIntegrationEvent);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'intake.submission.rejected.v1',
      key: submission.snapshot().id,
    });
    expect(eventSchemaErrors(events[0]!)).toEqual([]);
    expect(JSON.stringify(events[0]!.data)).not.toMatch(/Ann|ann@example|Private/);
  });

  it('raises nothing when accepted', () => {
    expect(Submission.accepted(receipt(person), 'lead-1').pullEvents()).toEqual([]);
  });
});
