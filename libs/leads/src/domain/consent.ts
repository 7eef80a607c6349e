import type { ConsentKind } from '@intake/kernel';

export { CONSENT_KINDS } from '@intake/kernel';
export type { ConsentKind } from '@intake/kernel';

export const CONSENT_ACTIONS = ['granted', 'withdrawn'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/**
 * How the person said it: a ticked box on the website (`form`), on the phone, a STOP (or START)
 * reply to a text, an email, in person; `imported` marks the flags a lead had before the ledger
 * existed (carried over once by the migration that made it).
 */
export const CONSENT_SOURCES = [
  'form',
  'phone',
  'sms_reply',
  'email',
  'in_person',
  'imported',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What staff may record for a person; the form and the import record themselves. */
export const STAFF_CONSENT_SOURCES = ['phone', 'sms_reply', 'email', 'in_person'] as const;
export type StaffConsentSource = (typeof STAFF_CONSENT_SOURCES)[number];

/** One line of the consent ledger: given or withdrawn, never changed afterwards. */
export interface ConsentRecord {
  id: string;
  leadId: string;
  kind: ConsentKind;
  action: ConsentAction;
  /** The version of the form's wording the person was shown; null when none applies. */
  wordingVersion: number | null;
  source: ConsentSource;
  /** The page the form was on: its origin, and its path without query or fragment. */
  pageOrigin: string | null;
  pagePath: string | null;
  /** Keyed hash of the client address of a form post. */
  ipHash: string | null;
  /** Null: the person themself (the form); else the staff member who recorded it. */
  recordedBy: string | null;
  submissionId: string | null;
  recordedAt: Date;
}

/** The latest record of each kind; null for a kind never recorded. */
export type CurrentConsent = Readonly<Record<ConsentKind, ConsentRecord | null>>;

export const NO_CONSENT: CurrentConsent = Object.freeze({
  contact: null,
  sms: null,
  email_marketing: null,
});

/** The current state of each kind from a lead's ledger, in any order: the latest row wins. */
export function currentConsentOf(records: readonly ConsentRecord[]): CurrentConsent {
  const current: Record<ConsentKind, ConsentRecord | null> = { ...NO_CONSENT };
  for (const record of records) {
    const seen = current[record.kind];
    // UUIDv7 ids order the rows of one instant as they were written.
    if (
      seen === null ||
      seen.recordedAt.getTime() < record.recordedAt.getTime() ||
      (seen.recordedAt.getTime() === record.recordedAt.getTime() && seen.id < record.id)
    ) {
      current[record.kind] = record;
    }
  }
  return current;
}

export function isGranted(consent: CurrentConsent, kind: ConsentKind): boolean {
  return consent[kind]?.action === 'granted';
}

export function isWithdrawn(consent: CurrentConsent, kind: ConsentKind): boolean {
  return consent[kind]?.action === 'withdrawn';
}

/** A box the person ticked on the form, with the wording version the form showed. */
export interface FormConsentGrant {
  /** The ledger row's id, chosen with the submission's. */
  id: string;
  kind: ConsentKind;
  wordingVersion: number | null;
}

/** What a form post says about consent: the boxes ticked, and where and from whom it came. */
export interface InquiryConsent {
  grants: FormConsentGrant[];
  pageOrigin: string | null;
  pagePath: string | null;
  ipHash: string | null;
}

/** A grant or withdrawal staff record for the person (a call, a STOP reply). */
export interface ConsentChangeInput {
  id: string;
  kind: ConsentKind;
  action: ConsentAction;
  source: StaffConsentSource;
}

/** The ledger rows of the boxes a form post ticked, in the order of its grants. */
export function formGrantRecords(
  leadId: string,
  submissionId: string,
  receivedAt: Date,
  { grants, pageOrigin, pagePath, ipHash }: InquiryConsent,
): ConsentRecord[] {
  return grants.map((grant) => ({
    id: grant.id,
    leadId,
    kind: grant.kind,
    action: 'granted',
    wordingVersion: grant.wordingVersion,
    source: 'form',
    pageOrigin,
    pagePath,
    ipHash,
    recordedBy: null,
    submissionId,
    recordedAt: receivedAt,
  }));
}

/** The ledger row of a grant or withdrawal staff record. */
export function staffConsentRecord(
  leadId: string,
  input: ConsentChangeInput,
  by: { actorId: string; at: Date },
): ConsentRecord {
  return {
    id: input.id,
    leadId,
    kind: input.kind,
    action: input.action,
    wordingVersion: null,
    source: input.source,
    pageOrigin: null,
    pagePath: null,
    ipHash: null,
    recordedBy: by.actorId,
    submissionId: null,
    recordedAt: by.at,
  };
}

/** The lead's consent flags, kept in step with the ledger. */
export interface ConsentFlags {
  contactConsent: boolean;
  smsConsent: boolean;
}

/** The flag that follows each kind; email marketing lives in the ledger only. */
export const CONSENT_FLAGS: Readonly<Record<ConsentKind, keyof ConsentFlags | null>> = {
  contact: 'contactConsent',
  sms: 'smsConsent',
  email_marketing: null,
};

/** `base` with the request's ticked boxes turned on; a box left empty never turns a flag off. */
export function withGrantedFlags<T extends ConsentFlags>(
  base: T,
  requested: ConsentFlags,
  consent: InquiryConsent,
): T {
  const granted = (kind: ConsentKind) => consent.grants.some((g) => g.kind === kind);
  return {
    ...base,
    contactConsent: base.contactConsent || requested.contactConsent || granted('contact'),
    smsConsent: base.smsConsent || requested.smsConsent || granted('sms'),
  };
}
