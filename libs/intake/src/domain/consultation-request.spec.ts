import { FieldError } from '@intake/kernel';
import { parseConsultationRequest } from './consultation-request';
import { SubmissionInvalidError } from './intake-errors';

const valid = { firstName: 'Ann', email: 'ann@example.com', contactConsent: true };

function fieldErrors(fields: Record<string, unknown>, required: string[] = []): FieldError[] {
  try {
    parseConsultationRequest(fields as never, required as never);
  } catch (error) {
    if (error instanceof SubmissionInvalidError) return error.fields;
    throw error;
  }
  throw new Error('expected the request to be invalid');
}

describe('parseConsultationRequest', () => {
  it('normalizes a complete request', () => {
    const request = parseConsultationRequest({
      firstName: '  Ann  ',
      lastName: 'Lee  Smith',
      email: 'ANN@EXAMPLE.COM',
      phone: '(415) 555-2671',
      preferredContact: 'SMS',
      state: 'ca',
      interest: 'Chronic Pain',
      message: 'Hello\r\nthere',
      contactConsent: 'on',
      smsConsent: 'yes',
      utm_source: ' google ',
      landingPage: 'https://clinic.example/a?b=c',
    });
    expect(request).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee Smith',
      email: 'ann@example.com',
      phone: '+14155552671',
      preferredContact: 'sms',
      state: 'CA',
      interest: 'chronic_pain',
      message: 'Hello\nthere',
      contactConsent: true,
      smsConsent: true,
      attribution: {
        utmSource: 'google',
        landingPage: 'https://clinic.example/a?b=c',
        gclid: null,
      },
    });
  });

  it('accepts a phone without an email', () => {
    expect(
      parseConsultationRequest({ firstName: 'Ann', phone: '4155552671', contactConsent: 'true' })
        .phone,
    ).toBe('+14155552671');
  });

  it('requires a first name, a way to reach the person and consent, all reported at once', () => {
    expect(fieldErrors({})).toEqual([
      { field: 'firstName', message: 'is required' },
      { field: 'email', message: 'an email or a phone number is required' },
      { field: 'phone', message: 'an email or a phone number is required' },
      { field: 'contactConsent', message: 'must be accepted' },
    ]);
  });

  it.each([
    [{ email: 'nope' }, 'email', 'is not a valid email address'],
    [{ phone: '12' }, 'phone', 'is not a valid phone number'],
    [{ state: 'ZZ' }, 'state', 'is not a US state code'],
    [
      { interest: 'haircut' },
      'interest',
      'must be one of depression, anxiety, ptsd, chronic_pain, ocd, addiction, other',
    ],
    [{ preferredContact: 'fax' }, 'preferredContact', 'must be one of phone, sms, email'],
    [{ preferredContact: 'phone' }, 'phone', 'is required when the preferred contact is phone'],
    [{ contactConsent: 'no' }, 'contactConsent', 'must be accepted'],
    [{ contactConsent: 'maybe' }, 'contactConsent', 'must be true or false'],
    [{ message: 'x'.repeat(5001) }, 'message', 'must be at most 5000 characters'],
    [{ firstName: { nested: 'object' } }, 'firstName', 'must be a single value'],
  ])('rejects %j on %s', (override, field, message) => {
    expect(fieldErrors({ ...valid, ...override })).toContainEqual({ field, message });
  });

  it('accepts a message of exactly 5,000 characters', () => {
    expect(parseConsultationRequest({ ...valid, message: 'x'.repeat(5000) }).message).toHaveLength(
      5000,
    );
  });

  it("enforces the form's required fields", () => {
    expect(fieldErrors(valid, ['lastName', 'state'])).toEqual([
      { field: 'lastName', message: 'is required' },
      { field: 'state', message: 'is required' },
    ]);
  });

  it('takes the last value of a repeated field, as a checkbox with a hidden default sends', () => {
    expect(parseConsultationRequest({ ...valid, smsConsent: ['false', 'true'] }).smsConsent).toBe(
      true,
    );
  });
});
