import { ConsentRecord, NO_CONSENT } from './consent';
import { ContactCheck, DEFAULT_CONTACT_RULES } from './contact-rules';
import { chooseDuplicate, matchedChannels } from './duplicate-matching';
import { ContactAttemptChannel, ContactOutcome } from './contact-attempt';
import { Inquiry } from './inquiry';
import { Lead } from './lead';
import {
  LeadChannelMissingError,
  LeadClosedError,
  LeadInvalidError,
  LeadReopenConflictError,
  LeadVersionMismatchError,
  TransitionNotAllowedError,
} from './lead-errors';
import { historyOf } from './lead-history';
import { LEAD_STATUSES, LeadStatus, TRANSITIONS } from './lead-status';

/** Consent as a form leaves it: contact granted, texts as told. */
function grant(kind: ConsentRecord['kind'], at = new Date('2026-11-28T10:00:00Z')): ConsentRecord {
  return {
    id: `consent-${kind}`,
    leadId: 'lead-1',
    kind,
    action: 'granted',
    wordingVersion: 1,
    source: 'form',
    pageOrigin: null,
    pagePath: null,
    ipHash: null,
    recordedBy: null,
    submissionId: 'sub-1',
    recordedAt: at,
  };
}
const allowed: ContactCheck = { consent: NO_CONSENT, rules: DEFAULT_CONTACT_RULES };
const textsAllowed: ContactCheck = {
  consent: { ...NO_CONSENT, contact: grant('contact'), sms: grant('sms') },
  rules: DEFAULT_CONTACT_RULES,
};

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
      language: null,
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
    message: null,
    consent: { grants: [], pageOrigin: null, pagePath: null, ipHash: null },
    ...overrides,
  };
}

describe('duplicate matching', () => {
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

  it('attaches a later request: latest touch moves, a new channel waits to be confirmed, nothing overwritten', () => {
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
    // The request needed no credentials: the phone it brought is not the lead's yet.
    expect(s.contact).toEqual({ email: 'ann@example.com', phone: null });
    expect(s.profile.firstName).toBe('Ann');
    expect(s.profile.smsConsent).toBe(true);
    expect(s.firstTouch.utmSource).toBe('google');
    expect(s.latestTouch.utmSource).toBe('facebook');
    expect(s).toMatchObject({ submissionCount: 2, version: 2, lastSubmittedAt: later.receivedAt });
    const events = lead.pullEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'resubmitted',
      matchedOn: ['email'],
      toConfirm: ['phone'],
    });
  });

  it('leaves a different email on a later request to be confirmed, and a confirmed one replaces the old', () => {
    const lead = Lead.fromInquiry(
      'lead-1',
      inquiry({}, { email: 'ann@example.com', phone: '+14155552671' }),
    );
    lead.pullEvents();
    lead.attach(inquiry({}, { email: 'stranger@example.com', phone: '+14155552671' }));
    expect(lead.snapshot().contact.email).toBe('ann@example.com');
    expect(lead.pullEvents()[0]).toMatchObject({ matchedOn: ['phone'], toConfirm: ['email'] });

    const at = new Date('2026-11-30T09:00:00Z');
    lead.confirmContact('email', 'ann.new@example.com', { actorId: 'staff-1', at });
    expect(lead.snapshot().contact).toEqual({
      email: 'ann.new@example.com',
      phone: '+14155552671',
    });
    expect(lead.pullEvents()).toMatchObject([{ kind: 'contact_confirmed', channel: 'email' }]);
    lead.confirmContact('email', 'ann.new@example.com', { actorId: 'staff-1', at });
    expect(lead.pullEvents()).toEqual([]);
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

describe('the pipeline', () => {
  const by = (minutes = 0) => ({
    actorId: 'staff-1',
    at: new Date(Date.parse('2026-11-28T10:00:00Z') + minutes * 60_000),
  });
  const fresh = () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    lead.pullEvents();
    return lead;
  };
  const at = (status: LeadStatus) => Lead.restore({ ...fresh().snapshot(), status });

  it('allows exactly the moves in the table and names them when refusing', () => {
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        const lead = at(from);
        const reason = to === 'disqualified' ? 'other' : null;
        const move = () => lead.transitionTo(to, reason, by());
        if (TRANSITIONS[from].includes(to)) {
          move();
          expect(lead.snapshot().status).toBe(to);
        } else {
          expect(move).toThrow(TransitionNotAllowedError);
        }
      }
    }
    expect(() => at('new').transitionTo('converted', null, by())).toThrow(
      'Allowed next states: attempting_contact, contacted, consult_scheduled, disqualified, unresponsive, lost.',
    );
  });

  it('reopens every closed lead to attempting_contact only, and never a converted one', () => {
    for (const closed of ['disqualified', 'unresponsive', 'lost'] as const) {
      expect(TRANSITIONS[closed]).toEqual(['attempting_contact']);
    }
    expect(TRANSITIONS.converted).toEqual([]);
  });

  it('refuses to reopen while the person has another open lead', () => {
    const lead = at('lost');
    expect(() => lead.transitionTo('attempting_contact', null, by(), 'lead-2')).toThrow(
      LeadReopenConflictError,
    );
    lead.transitionTo('attempting_contact', null, by(), null);
    expect(lead.snapshot().status).toBe('attempting_contact');
    // Moves between open states never ask.
    expect(at('new').reopens('contacted')).toBe(false);
  });

  it('requires a reason to disqualify, and takes none otherwise', () => {
    expect(() => fresh().transitionTo('disqualified', null, by())).toThrow(LeadInvalidError);
    expect(() => fresh().transitionTo('lost', 'insurance', by())).toThrow(LeadInvalidError);
    const lead = fresh();
    lead.transitionTo('disqualified', 'duplicate', by());
    expect(lead.snapshot()).toMatchObject({ status: 'disqualified', statusReason: 'duplicate' });
    lead.transitionTo('attempting_contact', null, by());
    expect(lead.snapshot().statusReason).toBeNull();
  });

  it('bumps the version once per command and refuses a stale expected version', () => {
    const lead = fresh();
    lead.transitionTo('attempting_contact', null, by());
    expect(lead.version).toBe(2);
    expect(() => lead.expectVersion(1)).toThrow(LeadVersionMismatchError);
    expect(() => lead.expectVersion(2)).not.toThrow();
    expect(() => lead.expectVersion(null)).not.toThrow();
  });
});

describe('contact attempts', () => {
  const by = (minutes: number) => ({
    actorId: 'staff-1',
    at: new Date(Date.parse('2026-11-28T10:00:00Z') + minutes * 60_000),
  });
  const attempt = (channel: ContactAttemptChannel, outcome: ContactOutcome, id = 'a') => ({
    id,
    channel,
    outcome,
    note: null,
    callbackAt: null,
  });
  const withPhone = () => {
    const lead = Lead.fromInquiry(
      'lead-1',
      inquiry({}, { email: 'ann@example.com', phone: '+14155552671' }),
    );
    lead.pullEvents();
    return lead;
  };

  it('stamps the first attempt and the first reach once each, and moves the status', () => {
    const lead = withPhone();
    const first = lead.recordContactAttempt(attempt('phone', 'no_answer'), by(4), allowed);
    expect(first.attemptNumber).toBe(1);
    expect(lead.snapshot()).toMatchObject({
      status: 'attempting_contact',
      contactAttemptCount: 1,
      firstContactAttemptAt: by(4).at,
      firstReachedAt: null,
      version: 2,
    });
    const events = lead.pullEvents();
    expect(events.map((e) => e.kind)).toEqual(['contact_attempted', 'status_changed']);
    expect(events[0]).toMatchObject({
      secondsSinceSubmission: 240,
      statusAfter: 'attempting_contact',
    });

    lead.recordContactAttempt(attempt('sms', 'reached'), by(30), textsAllowed);
    lead.recordContactAttempt(attempt('email', 'reached'), by(90), allowed);
    expect(lead.snapshot()).toMatchObject({
      status: 'contacted',
      contactAttemptCount: 3,
      firstContactAttemptAt: by(4).at,
      firstReachedAt: by(30).at,
    });
  });

  it('leaves later statuses alone', () => {
    const lead = withPhone();
    lead.transitionTo('consult_scheduled', null, by(1));
    lead.recordContactAttempt(attempt('phone', 'reached'), by(2), allowed);
    expect(lead.snapshot().status).toBe('consult_scheduled');
  });

  it('refuses an outcome the channel cannot have, a past callback, a missing channel, a closed lead', () => {
    const lead = withPhone();
    expect(() =>
      lead.recordContactAttempt(attempt('email', 'left_voicemail'), by(1), allowed),
    ).toThrow(LeadInvalidError);
    expect(() =>
      lead.recordContactAttempt(
        { ...attempt('phone', 'no_answer'), callbackAt: by(0).at },
        by(1),
        allowed,
      ),
    ).toThrow(LeadInvalidError);
    const emailOnly = Lead.fromInquiry('lead-2', inquiry());
    expect(() =>
      emailOnly.recordContactAttempt(attempt('sms', 'no_answer'), by(1), textsAllowed),
    ).toThrow(LeadChannelMissingError);
    lead.transitionTo('lost', null, by(1));
    expect(() => lead.recordContactAttempt(attempt('phone', 'no_answer'), by(2), allowed)).toThrow(
      LeadClosedError,
    );
  });
});

describe('priority and crisis language', () => {
  it('makes a lead urgent and flagged when the first message has crisis language', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry({ message: 'I want to die' }));
    expect(lead.snapshot()).toMatchObject({ priority: 'urgent', crisisFlag: true });
  });

  it('escalates an open lead on a later crisis message, once, and never lowers it', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    lead.pullEvents();
    lead.attach(inquiry({ message: 'thinking about suicide' }));
    expect(lead.pullEvents().map((e) => e.kind)).toEqual(['resubmitted', 'priority_changed']);
    lead.attach(inquiry({ message: 'still thinking about suicide' }));
    lead.attach(inquiry({ message: 'fine now' }));
    expect(lead.pullEvents().map((e) => e.kind)).toEqual(['resubmitted', 'resubmitted']);
    expect(lead.snapshot()).toMatchObject({ priority: 'urgent', crisisFlag: true });
  });

  it('changes priority by hand, and does nothing when nothing changes', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    lead.pullEvents();
    const by = { actorId: 's', at: new Date() };
    lead.setPriority('normal', false, by);
    expect(lead.pullEvents()).toEqual([]);
    lead.setPriority('high', false, by);
    expect(lead.pullEvents()).toMatchObject([
      { kind: 'priority_changed', from: 'normal', to: 'high' },
    ]);
  });
});

describe('history', () => {
  it('writes one entry per event with what changed from what, and hides contact values', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    const created = historyOf(null, lead.pullEvents());
    expect(created).toHaveLength(1);
    expect(created[0]!.changes).toMatchObject({
      status: { from: null, to: 'new' },
      email: { from: null, to: '[personal]' },
      latestSubmissionId: { from: null, to: 'sub-1' },
    });
    expect(JSON.stringify(created)).not.toContain('ann@example.com');

    const before = lead.snapshot();
    lead.assignTo('staff-9', { actorId: 'staff-1', at: new Date() });
    lead.assignTo('staff-9', { actorId: 'staff-1', at: new Date() });
    const assigned = historyOf(before, lead.pullEvents());
    expect(assigned).toEqual([
      expect.objectContaining({
        action: 'assigned',
        actorId: 'staff-1',
        changes: { ownerId: { from: null, to: 'staff-9' } },
      }),
    ]);
  });
});

describe('consent on the lead', () => {
  const staff = (minutes: number) => ({
    actorId: 'staff-1',
    at: new Date(Date.parse('2026-11-28T10:00:00Z') + minutes * 60_000),
  });
  const form = (grants: Array<'contact' | 'sms' | 'email_marketing'>, submissionId = 'sub-1') => ({
    grants: grants.map((kind, i) => ({ id: `${submissionId}-c${i}`, kind, wordingVersion: 7 })),
    pageOrigin: 'https://clinic.example',
    pagePath: '/consult',
    ipHash: 'hash',
  });

  it('grants each ticked box of the form in the same change, with the wording and the page', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry({ consent: form(['contact', 'sms']) }));
    expect(lead.snapshot()).toMatchObject({
      version: 1,
      profile: { contactConsent: true, smsConsent: true },
    });
    const events = lead.pullEvents();
    expect(events.map((e) => e.kind)).toEqual([
      'submitted',
      'consent_recorded',
      'consent_recorded',
    ]);
    expect(events[2]).toMatchObject({
      actorId: null,
      record: {
        id: 'sub-1-c1',
        leadId: 'lead-1',
        kind: 'sms',
        action: 'granted',
        wordingVersion: 7,
        source: 'form',
        pageOrigin: 'https://clinic.example',
        pagePath: '/consult',
        ipHash: 'hash',
        recordedBy: null,
        submissionId: 'sub-1',
      },
    });
    // The submission's own history line covers the boxes; the ledger keeps each grant.
    expect(historyOf(null, events).map((h) => h.action)).toEqual(['submitted']);
  });

  it('grants again on a later request that ticks a box again, never withdrawing an unticked one', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry({ consent: form(['contact', 'sms']) }));
    lead.pullEvents();
    lead.attach(
      inquiry({
        submissionId: 'sub-2',
        receivedAt: new Date('2026-11-29T10:00:00Z'),
        profile: { ...inquiry().profile, smsConsent: false },
        consent: form(['contact'], 'sub-2'),
      }),
    );
    const events = lead.pullEvents();
    expect(events.map((e) => e.kind)).toEqual(['resubmitted', 'consent_recorded']);
    expect(lead.snapshot().profile).toMatchObject({ contactConsent: true, smsConsent: true });
  });

  it('records a withdrawal or grant by staff as a new version, its flag following', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry({ consent: form(['contact', 'sms']) }));
    lead.pullEvents();
    const stop = lead.recordConsent(
      { id: 'c-9', kind: 'sms', action: 'withdrawn', source: 'sms_reply' },
      staff(5),
    );
    expect(stop).toMatchObject({
      kind: 'sms',
      action: 'withdrawn',
      recordedBy: 'staff-1',
      wordingVersion: null,
    });
    expect(lead.snapshot()).toMatchObject({
      version: 2,
      profile: { smsConsent: false, contactConsent: true },
    });
    lead.recordConsent(
      { id: 'c-10', kind: 'contact', action: 'withdrawn', source: 'phone' },
      staff(6),
    );
    lead.recordConsent(
      { id: 'c-11', kind: 'email_marketing', action: 'granted', source: 'email' },
      staff(7),
    );
    expect(lead.snapshot()).toMatchObject({ version: 4, profile: { contactConsent: false } });
    const events = lead.pullEvents();
    expect(events.map((e) => e.kind)).toEqual([
      'consent_recorded',
      'consent_recorded',
      'consent_recorded',
    ]);
    const history = historyOf(null, events);
    expect(history[0]).toMatchObject({
      action: 'consent_recorded',
      actorId: 'staff-1',
      changes: {
        consent: {
          from: null,
          to: { recordId: 'c-9', kind: 'sms', action: 'withdrawn', source: 'sms_reply' },
        },
      },
    });
  });

  it('allows consent to be recorded on a closed lead, but never as if from the form', () => {
    const lead = Lead.fromInquiry('lead-1', inquiry());
    lead.transitionTo('lost', null, staff(1));
    expect(() =>
      lead.recordConsent(
        { id: 'c-1', kind: 'contact', action: 'withdrawn', source: 'phone' },
        staff(2),
      ),
    ).not.toThrow();
    expect(() =>
      lead.recordConsent(
        { id: 'c-2', kind: 'sms', action: 'granted', source: 'form' as 'phone' },
        staff(3),
      ),
    ).toThrow(LeadInvalidError);
  });

  it('refuses a contact attempt the ledger forbids, and keeps the receipt of one it allows', () => {
    const lead = Lead.fromInquiry(
      'lead-1',
      inquiry({ consent: form(['contact']) }, { email: 'ann@example.com', phone: '+14155552671' }),
    );
    lead.pullEvents();
    const attempt = (channel: 'phone' | 'sms') => ({
      id: `a-${channel}`,
      channel,
      outcome: 'no_answer' as const,
      note: null,
      callbackAt: null,
    });
    expect(() => lead.recordContactAttempt(attempt('sms'), staff(5), allowed)).toThrow(
      expect.objectContaining({ code: 'CONTACT.SMS_CONSENT_REQUIRED' }),
    );
    expect(lead.snapshot().contactAttemptCount).toBe(0);
    const call = lead.recordContactAttempt(attempt('phone'), staff(5), {
      consent: { ...NO_CONSENT, contact: grant('contact') },
      rules: DEFAULT_CONTACT_RULES,
    });
    expect(call.receipt).toMatchObject({
      consentRecordId: 'consent-contact',
      wordingVersion: 1,
      timeZone: 'America/Los_Angeles',
      localTime: '2026-11-28T02:05:00-08:00',
      quietHours: true,
      quietHoursRule: 'warn',
    });
  });
});
