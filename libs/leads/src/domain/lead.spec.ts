import { chooseDuplicate, contactLockKeys, matchedChannels } from './duplicate-matching';
import { Inquiry } from './inquiry';
import { Lead } from './lead';

function inquiry(
  overrides: Partial<Inquiry> = {},
  contact = { email: 'ann@example.com', phone: null as string | null },
): Inquiry {
  const at = overrides.receivedAt ?? new Date('2026-11-28T10:00:00Z');
  return {
    submissionId: 'sub-1',
    formKey: 'consultation',
    receivedAt: at,
    contact,
    profile: {
      firstName: 'Ann',
      lastName: null,
      preferredContact: null,
      bestTimeToContact: null,
      state: 'CA',
      interest: 'depression',
      howDidYouHear: null,
      contactConsent: true,
      smsConsent: false,
    },
    touch: {
      submissionId: 'sub-1',
      formKey: 'consultation',
      at,
      utmSource: 'google',
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      gclid: null,
      landingPage: null,
      referrer: null,
    },
    ...overrides,
  };
}

describe('duplicate matching', () => {
  it('locks on each contact channel, in a stable order', () => {
    expect(contactLockKeys({ email: 'a@x.com', phone: '+14155552671' })).toEqual([
      'lead-contact:email:a@x.com',
      'lead-contact:phone:+14155552671',
    ]);
    expect(contactLockKeys({ email: null, phone: '+14155552671' })).toEqual([
      'lead-contact:phone:+14155552671',
    ]);
    expect(contactLockKeys({ email: null, phone: null })).toEqual([]);
  });

  it('matches on email or phone, never on a missing value', () => {
    expect(
      matchedChannels({ email: 'a@x.com', phone: '+1' }, { email: 'a@x.com', phone: '+1' }),
    ).toEqual(['email', 'phone']);
    expect(matchedChannels({ email: null, phone: '+1' }, { email: null, phone: '+2' })).toEqual([]);
  });

  it('prefers the lead matching more channels, then the most recent', () => {
    const older = {
      id: 'older',
      contact: { email: 'a@x.com', phone: null },
      lastSubmittedAt: new Date(1),
    };
    const newer = {
      id: 'newer',
      contact: { email: 'a@x.com', phone: null },
      lastSubmittedAt: new Date(2),
    };
    const both = {
      id: 'both',
      contact: { email: 'a@x.com', phone: '+1' },
      lastSubmittedAt: new Date(0),
    };
    const other = {
      id: 'other',
      contact: { email: 'b@x.com', phone: null },
      lastSubmittedAt: new Date(9),
    };
    expect(chooseDuplicate([older, newer, other], { email: 'a@x.com', phone: null })?.id).toBe(
      'newer',
    );
    expect(chooseDuplicate([older, both, newer], { email: 'a@x.com', phone: '+1' })?.id).toBe(
      'both',
    );
    expect(chooseDuplicate([other], { email: 'a@x.com', phone: null })).toBeNull();
  });
});

describe('Lead', () => {
  it('starts new, unowned, with the request as first and latest touch, and raises submitted', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    const s = lead.snapshot();
    expect(s).toMatchObject({
      status: 'new',
      priority: 'normal',
      ownerId: null,
      submissionCount: 1,
      version: 1,
    });
    expect(s.firstTouch).toBe(s.latestTouch);
    expect(lead.pullEvents().map((e) => e.kind)).toEqual(['submitted']);
    expect(lead.pullEvents()).toEqual([]);
  });

  it('attaches a later request: latest touch moves, missing channel filled, nothing overwritten', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    lead.pullEvents();
    const later = inquiry(
      {
        submissionId: 'sub-2',
        receivedAt: new Date('2026-11-29T10:00:00Z'),
        profile: { ...inquiry().profile, firstName: 'Annie', smsConsent: true },
      },
      { email: 'ann@example.com', phone: '+14155552671' },
    );
    later.touch = { ...later.touch, submissionId: 'sub-2', utmSource: 'facebook' };
    lead.attach(later);
    const s = lead.snapshot();
    expect(s.contact).toEqual({ email: 'ann@example.com', phone: '+14155552671' });
    expect(s.profile.firstName).toBe('Ann');
    expect(s.profile.smsConsent).toBe(true);
    expect(s.firstTouch.utmSource).toBe('google');
    expect(s.latestTouch.utmSource).toBe('facebook');
    expect(s).toMatchObject({ submissionCount: 2, version: 2, lastSubmittedAt: later.receivedAt });
    const events = lead.pullEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'resubmitted', matchedOn: ['email'] });
  });

  it('refuses a request that does not match it, or when closed', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    expect(() => lead.attach(inquiry({}, { email: 'bob@example.com', phone: null }))).toThrow(
      /does not match/,
    );
    const closed = Lead.restore({ ...lead.snapshot(), status: 'converted' });
    expect(closed.isOpen).toBe(false);
    expect(() => closed.attach(inquiry())).toThrow(/closed/);
  });
});
