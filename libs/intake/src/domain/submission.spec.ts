import { parseConsultationRequest } from './consultation-request';
import { startedAtOf } from './spam';
import { DEFAULT_SUBMISSION_LIMITS, Form } from './form';
import { Receipt, Submission } from './submission';
import { eventSchemaErrors } from '../../../../test/support/event-schema-validator';
import { toIntegrationEvents } from '../application/submit-form/submission-integration-events';

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
  requireStartToken: false,
  captcha: null,
});

function receipt(raw: Record<string, string>): Receipt {
  const fields = form.canonicalize(raw);
  const receivedAt = new Date('2026-11-28T10:00:10.000Z');
  return {
    id: '0193f0a0-0000-7000-8000-00000000000a',
    formKey: form.key,
    fields,
    request: parseConsultationRequest(fields.known),
    ipHash: 'abc',
    userAgent: 'x'.repeat(600),
    receivedAt,
    startedAt: startedAtOf({
      formStartedAt: fields.formStartedAt,
      startToken: { status: 'missing' },
    }),
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
    const events = submission.pullEvents().flatMap(toIntegrationEvents);
    // The deprecated v1 first, while consumers move, then v2: both keyed by the submission.
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['intake.submission.rejected.v1', submission.snapshot().id],
      ['intake.submission.rejected.v2', submission.snapshot().id],
    ]);
    for (const event of events) {
      expect(eventSchemaErrors(event)).toEqual([]);
      expect(JSON.stringify(event.data)).not.toMatch(/Ann|ann@example|Private/);
    }
  });

  it('names a start-token or captcha rejection in v2 only: v1 cannot say it', () => {
    for (const reason of ['start_token', 'captcha'] as const) {
      const events = Submission.rejected(receipt(person), reason)
        .pullEvents()
        .flatMap(toIntegrationEvents);
      expect(events.map((e) => e.type)).toEqual(['intake.submission.rejected.v2']);
      expect(events[0]!.data).toMatchObject({ reason });
      expect(eventSchemaErrors(events[0]!)).toEqual([]);
    }
  });

  it('raises nothing when accepted', () => {
    expect(Submission.accepted(receipt(person), 'lead-1').pullEvents()).toEqual([]);
  });
});
