import {
  ConsentKind,
  ConsentRecord,
  CurrentConsent,
  currentConsentOf,
  NO_CONSENT,
} from './consent';
import {
  checkContact,
  ContactRules,
  contactRulesProblems,
  DEFAULT_CONTACT_RULES,
  quietHoursWarning,
} from './contact-rules';
import {
  ContactConsentWithdrawnError,
  QuietHoursError,
  SmsConsentMissingError,
} from './lead-errors';

let n = 0;
function record(
  kind: ConsentKind,
  action: ConsentRecord['action'],
  at: string,
  wordingVersion: number | null = null,
): ConsentRecord {
  n += 1;
  return {
    id: `0193f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    leadId: 'lead-1',
    kind,
    action,
    wordingVersion,
    source: action === 'granted' ? 'form' : 'sms_reply',
    pageOrigin: null,
    pagePath: null,
    ipHash: null,
    recordedBy: null,
    submissionId: null,
    recordedAt: new Date(at),
  };
}

const NOON_PACIFIC = new Date('2026-07-01T19:00:00Z');
const REFUSE: ContactRules = { ...DEFAULT_CONTACT_RULES, quietHours: 'refuse' };

function consent(...records: ConsentRecord[]): CurrentConsent {
  return currentConsentOf(records);
}

describe('the consent ledger', () => {
  it('takes the latest record of each kind, in whatever order the rows come', () => {
    const granted = record('sms', 'granted', '2026-07-01T10:00:00Z', 3);
    const withdrawn = record('sms', 'withdrawn', '2026-07-02T10:00:00Z');
    const contact = record('contact', 'granted', '2026-07-01T10:00:00Z', 1);
    const current = currentConsentOf([withdrawn, contact, granted]);
    expect(current).toEqual({ contact, sms: withdrawn, email_marketing: null });
    const again = record('sms', 'granted', '2026-07-03T10:00:00Z', 4);
    expect(currentConsentOf([again, withdrawn, granted]).sms).toBe(again);
  });

  it('orders two records of the same instant by their time-ordered ids', () => {
    const first = record('contact', 'granted', '2026-07-01T10:00:00Z');
    const second = record('contact', 'withdrawn', '2026-07-01T10:00:00Z');
    expect(currentConsentOf([second, first]).contact).toBe(second);
  });
});

describe('checkContact: consent', () => {
  const contactGranted = record('contact', 'granted', '2026-06-01T10:00:00Z', 2);
  const smsGranted = record('sms', 'granted', '2026-06-01T10:00:00Z', 5);

  it('refuses a text without consent to texts, naming why', () => {
    const call = () =>
      checkContact('sms', NOON_PACIFIC, 'CA', {
        consent: consent(contactGranted),
        rules: DEFAULT_CONTACT_RULES,
      });
    expect(call).toThrow(SmsConsentMissingError);
    expect(call).toThrow(expect.objectContaining({ code: 'CONTACT.SMS_CONSENT_REQUIRED' }));
  });

  it('refuses a text after consent to texts was withdrawn, and allows calls still', () => {
    const stop = record('sms', 'withdrawn', '2026-06-20T10:00:00Z');
    const check = {
      consent: consent(contactGranted, smsGranted, stop),
      rules: DEFAULT_CONTACT_RULES,
    };
    expect(() => checkContact('sms', NOON_PACIFIC, 'CA', check)).toThrow(
      expect.objectContaining({ code: 'CONTACT.SMS_CONSENT_WITHDRAWN' }),
    );
    expect(checkContact('phone', NOON_PACIFIC, 'CA', check).consentRecordId).toBe(
      contactGranted.id,
    );
  });

  it('refuses every channel after consent to contact was withdrawn, until it is given again', () => {
    const dontCall = record('contact', 'withdrawn', '2026-06-20T10:00:00Z');
    const check = {
      consent: consent(contactGranted, smsGranted, dontCall),
      rules: DEFAULT_CONTACT_RULES,
    };
    for (const channel of ['phone', 'sms', 'email'] as const) {
      expect(() => checkContact(channel, NOON_PACIFIC, 'CA', check)).toThrow(
        ContactConsentWithdrawnError,
      );
    }
    const askedAgain = record('contact', 'granted', '2026-06-25T10:00:00Z', 3);
    const after = {
      consent: consent(contactGranted, smsGranted, dontCall, askedAgain),
      rules: DEFAULT_CONTACT_RULES,
    };
    expect(checkContact('phone', NOON_PACIFIC, 'CA', after).consentRecordId).toBe(askedAgain.id);
  });

  it('lets a person who never ticked a box be called (they asked for the consultation)', () => {
    const receipt = checkContact('phone', NOON_PACIFIC, 'CA', {
      consent: NO_CONSENT,
      rules: DEFAULT_CONTACT_RULES,
    });
    expect(receipt).toMatchObject({
      consentRecordId: null,
      consentKind: 'contact',
      wordingVersion: null,
    });
  });

  it('keeps in the receipt the record and wording version relied on: texts rely on SMS consent', () => {
    const check = { consent: consent(contactGranted, smsGranted), rules: DEFAULT_CONTACT_RULES };
    expect(checkContact('sms', NOON_PACIFIC, 'CA', check)).toEqual({
      consentRecordId: smsGranted.id,
      consentKind: 'sms',
      wordingVersion: 5,
      localTime: '2026-07-01T12:00:00-07:00',
      timeZone: 'America/Los_Angeles',
      timeZoneFrom: 'state',
      quietHours: false,
      quietHoursRule: 'warn',
    });
    expect(checkContact('email', NOON_PACIFIC, 'CA', check)).toMatchObject({
      consentRecordId: contactGranted.id,
      wordingVersion: 2,
      quietHours: null,
    });
  });
});

describe('checkContact: quiet hours in the person’s zone', () => {
  const allowed = { consent: NO_CONSENT, rules: DEFAULT_CONTACT_RULES };

  it.each([
    ['07:59 in New York is quiet', '2026-07-01T11:59:00Z', 'NY', true],
    ['08:00 in New York is not', '2026-07-01T12:00:00Z', 'NY', false],
    ['21:00 sharp in New York is not', '2026-07-02T01:00:00Z', 'NY', false],
    ['21:01 in New York is quiet', '2026-07-02T01:01:00Z', 'NY', true],
    ['the same 21:01 New York instant is 18:01 in California', '2026-07-02T01:01:00Z', 'CA', false],
    ['06:30 in Hawaii is quiet while it is noon in New York', '2026-07-01T16:30:00Z', 'HI', true],
  ])('%s', (_what, at, state, quiet) => {
    expect(checkContact('phone', new Date(at), state, allowed).quietHours).toBe(quiet);
  });

  it('follows daylight saving time: 12:30 UTC is 8:30 in New York in July, 7:30 in January', () => {
    expect(checkContact('phone', new Date('2026-07-15T12:30:00Z'), 'NY', allowed)).toMatchObject({
      localTime: '2026-07-15T08:30:00-04:00',
      quietHours: false,
    });
    expect(checkContact('phone', new Date('2026-01-15T12:30:00Z'), 'NY', allowed)).toMatchObject({
      localTime: '2026-01-15T07:30:00-05:00',
      quietHours: true,
    });
    // Arizona keeps standard time all year: the same instants are 5:30 both times.
    expect(checkContact('phone', new Date('2026-07-15T12:30:00Z'), 'AZ', allowed).localTime).toBe(
      '2026-07-15T05:30:00-07:00',
    );
  });

  it("uses the clinic's zone for a person whose state is unknown, and says so", () => {
    const rules = { ...DEFAULT_CONTACT_RULES, clinicTimeZone: 'America/Denver' };
    expect(checkContact('phone', NOON_PACIFIC, null, { consent: NO_CONSENT, rules })).toMatchObject(
      {
        timeZone: 'America/Denver',
        timeZoneFrom: 'clinic',
        localTime: '2026-07-01T13:00:00-06:00',
      },
    );
  });

  it('warns by default, refuses when the clinic says so, and never applies to email', () => {
    const late = new Date('2026-07-02T05:00:00Z'); // 22:00 in California
    const warned = checkContact('phone', late, 'CA', allowed);
    expect(warned).toMatchObject({ quietHours: true, quietHoursRule: 'warn' });
    expect(quietHoursWarning(warned)).toMatch(/22:00 .*America\/Los_Angeles/);
    expect(() => checkContact('phone', late, 'CA', { consent: NO_CONSENT, rules: REFUSE })).toThrow(
      QuietHoursError,
    );
    const email = checkContact('email', late, 'CA', { consent: NO_CONSENT, rules: REFUSE });
    expect(email.quietHours).toBeNull();
    expect(quietHoursWarning(email)).toBeNull();
    expect(quietHoursWarning(checkContact('phone', NOON_PACIFIC, 'CA', allowed))).toBeNull();
  });

  it('checks consent before the clock: a withdrawn person is refused at any hour', () => {
    const dontCall = consent(record('contact', 'withdrawn', '2026-06-20T10:00:00Z'));
    expect(() =>
      checkContact('phone', NOON_PACIFIC, 'CA', { consent: dontCall, rules: REFUSE }),
    ).toThrow(ContactConsentWithdrawnError);
  });
});

describe('contact rules', () => {
  it('accepts the defaults and names each invalid field', () => {
    expect(contactRulesProblems(DEFAULT_CONTACT_RULES)).toEqual([]);
    expect(
      contactRulesProblems({ quietHours: 'never' as 'warn', clinicTimeZone: 'Mars/Olympus' }),
    ).toEqual([
      { field: 'quietHours', message: 'must be one of warn, refuse' },
      { field: 'clinicTimeZone', message: 'must be an IANA time zone' },
    ]);
  });
});
