import { ConsultationField } from './consultation-request';
import { DEFAULT_SUBMISSION_LIMITS, Form, FormSettings, formSettingsProblems } from './form';

const settings: FormSettings = {
  key: 'consultation',
  name: 'Consultation',
  allowedOrigins: ['https://clinic.example'],
  thankYouUrl: 'https://clinic.example/thanks',
  honeypotField: 'website',
  fieldAliases: { fname: 'firstName', 'Your Phone': 'phone' },
  requiredFields: [],
  minFillSeconds: 3,
  limits: DEFAULT_SUBMISSION_LIMITS,
  requireStartToken: false,
  captcha: null,
};

describe('Form', () => {
  const form = new Form(settings);

  it('maps aliases and the usual spellings of each field to canonical names', () => {
    const fields = form.canonicalize({
      fname: 'Ann',
      last_name: 'Lee',
      EMAIL: 'ann@example.com',
      'your-phone': '4155552671',
      'utm-source': 'google',
      UTM_CAMPAIGN: 'spring',
      favourite_colour: 'blue',
    });
    expect(fields.known).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.com',
      phone: '4155552671',
      utm_source: 'google',
      utm_campaign: 'spring',
    });
    expect(fields.unknown).toEqual({ favourite_colour: 'blue' });
  });

  it('takes the honeypot and control fields out of the person’s fields', () => {
    const fields = form.canonicalize({
      website: 'x',
      formStartedAt: '123',
      submission_token: ' abc ',
      firstName: 'A',
    });
    expect(fields.honeypot).toBe('x');
    expect(fields.formStartedAt).toBe('123');
    expect(fields.submissionToken).toBe('abc');
    expect(fields.known).toEqual({ firstName: 'A' });
    expect(fields.unknown).toEqual({});
  });

  it('keeps the first non-empty value when a field comes under two names', () => {
    expect(
      form.canonicalize({ first_name: '', firstName: 'Ann', fname: 'Bob' }).known.firstName,
    ).toBe('Ann');
  });

  it('treats fields named after what objects inherit as unknown data', () => {
    const fields = form.canonicalize({ constructor: 'x', toString: 'y', firstName: 'A' });
    expect(Object.keys(fields.unknown).sort()).toEqual(['constructor', 'toString']);
    expect(Object.keys(fields.known)).toEqual(['firstName']);
  });

  it('treats a field named __proto__ as data', () => {
    const fields = form.canonicalize(
      JSON.parse('{"__proto__": {"polluted": true}, "firstName": "A"}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(fields.unknown)).toEqual(['__proto__']);
  });

  it('allows listed origins and requests without an Origin, refuses others', () => {
    expect(form.allowsOrigin('https://clinic.example')).toBe(true);
    expect(form.allowsOrigin(null)).toBe(true);
    expect(form.allowsOrigin('https://evil.example')).toBe(false);
    expect(form.allowsOrigin('https://clinic.example.evil.example')).toBe(false);
    expect(
      new Form({ ...settings, allowedOrigins: ['*'] }).allowsOrigin('https://any.example'),
    ).toBe(true);
  });
});

describe('formSettingsProblems', () => {
  const valid = {
    key: 'spring-promo',
    name: 'Spring promo',
    allowedOrigins: ['https://clinic.example', '*'],
    thankYouUrl: '/thanks',
    honeypotField: 'website',
    fieldAliases: { fname: 'firstName', token: 'submissionToken' },
    requiredFields: ['phone'] as ConsultationField[],
    minFillSeconds: 3,
    limits: DEFAULT_SUBMISSION_LIMITS,
    requireStartToken: false,
    captcha: null,
  };

  it('accepts sound settings', () => {
    expect(formSettingsProblems(valid)).toEqual([]);
    expect(formSettingsProblems({ ...valid, thankYouUrl: 'https://clinic.example/ty' })).toEqual(
      [],
    );
  });

  it('names every problem at once', () => {
    expect(
      formSettingsProblems({
        ...valid,
        key: 'no spaces',
        allowedOrigins: ['https://clinic.example/path', 'clinic.example'],
        thankYouUrl: '//evil.example',
        honeypotField: 'email',
        fieldAliases: { fname: 'first_name_please' },
        requiredFields: ['shoeSize' as ConsultationField],
      }).map((p) => p.field),
    ).toEqual([
      'key',
      'allowedOrigins.0',
      'allowedOrigins.1',
      'thankYouUrl',
      'honeypotField',
      'fieldAliases.fname',
      'requiredFields',
    ]);
  });

  it('takes limits that are whole numbers within bounds', () => {
    expect(
      formSettingsProblems({
        ...valid,
        limits: {
          perSource: { limit: 0, windowSeconds: 600 },
          perForm: { limit: 1.5, windowSeconds: 86_401 },
          perContact: { limit: 1_000_000, windowSeconds: 1 },
        },
      }).map((p) => p.field),
    ).toEqual(['limits.perSource.limit', 'limits.perForm.limit', 'limits.perForm.windowSeconds']);
  });

  it('knows only its own field names, not what every object inherits', () => {
    expect(
      formSettingsProblems({
        ...valid,
        fieldAliases: { a: 'constructor', b: 'toString' },
        requiredFields: ['hasOwnProperty' as ConsultationField],
      }).map((p) => p.field),
    ).toEqual(['fieldAliases.a', 'fieldAliases.b', 'requiredFields']);
  });

  it('refuses an alias that is the honeypot, and a javascript: thank-you page', () => {
    expect(
      formSettingsProblems({ ...valid, fieldAliases: { Web_Site: 'firstName' } }).map(
        (p) => p.message,
      ),
    ).toEqual(['is the honeypot field']);
    expect(formSettingsProblems({ ...valid, thankYouUrl: 'javascript:alert(1)' })).toHaveLength(1);
  });
});
