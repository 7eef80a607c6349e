import { Attribution, FieldError } from '@intake/kernel';
import { SubmissionInvalidError } from './intake-errors';
import {
  LANGUAGES,
  normalizeCode,
  normalizeEmail,
  normalizeLanguage,
  normalizeName,
  normalizePhone,
  normalizeState,
  normalizeText,
} from './normalization';

/** A field as it arrived: form posts give strings, JSON may give numbers and booleans. */
export type FieldValue =
  string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };
export type RawFields = Record<string, FieldValue>;

export const INTERESTS = [
  'depression',
  'anxiety',
  'ptsd',
  'chronic_pain',
  'ocd',
  'addiction',
  'other',
] as const;
export const CONTACT_METHODS = ['phone', 'sms', 'email'] as const;

/** The fields Intake understands, by canonical name, with their longest accepted value. */
export const CONSULTATION_FIELDS = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 40,
  preferredContact: 20,
  bestTimeToContact: 200,
  state: 40,
  message: 5000,
  interest: 60,
  howDidYouHear: 200,
  language: 40,
  contactConsent: 10,
  smsConsent: 10,
  emailMarketingConsent: 10,
  utm_source: 500,
  utm_medium: 500,
  utm_campaign: 500,
  utm_term: 500,
  utm_content: 500,
  gclid: 500,
  landingPage: 2048,
  referrer: 2048,
} as const;

export type ConsultationField = keyof typeof CONSULTATION_FIELDS;

/** Own names only: `constructor` or `toString` is no field, whatever `in` says. */
export function isConsultationField(name: string): name is ConsultationField {
  return Object.hasOwn(CONSULTATION_FIELDS, name);
}

export interface ConsultationRequest {
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  preferredContact: (typeof CONTACT_METHODS)[number] | null;
  bestTimeToContact: string | null;
  state: string | null;
  message: string | null;
  interest: string | null;
  howDidYouHear: string | null;
  /** ISO 639-1 code of the language the person asked to be contacted in. */
  language: string | null;
  contactConsent: boolean;
  smsConsent: boolean;
  emailMarketingConsent: boolean;
  attribution: Attribution;
}

const TRUE = new Set(['true', 'on', 'yes', '1', 'checked']);
const FALSE = new Set(['false', 'off', 'no', '0', '']);

/**
 * Validates and normalizes a consultation request. Collects every problem, so the website can
 * show all of them at once, and throws `SubmissionInvalidError` listing them.
 */
export function parseConsultationRequest(
  fields: Partial<Record<ConsultationField, FieldValue>>,
  requiredFields: readonly ConsultationField[] = [],
): ConsultationRequest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => {
    errors.push({ field, message });
    return null;
  };

  const text = (field: ConsultationField): string | null => {
    const value = single(fields[field]);
    if (value === undefined || value === null) return null;
    if (typeof value === 'object') return fail(field, 'must be a single value');
    const str = String(value);
    if (str.length > CONSULTATION_FIELDS[field]) {
      return fail(field, `must be at most ${CONSULTATION_FIELDS[field]} characters`);
    }
    return str.trim() === '' ? null : str;
  };

  const flag = (field: ConsultationField): boolean | null => {
    const value = single(fields[field]);
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    const str = String(value).trim().toLowerCase();
    if (TRUE.has(str)) return true;
    if (FALSE.has(str)) return false;
    return fail(field, 'must be true or false');
  };

  const normalized = <T>(
    field: ConsultationField,
    normalize: (v: string) => T | null,
    message: string,
  ) => {
    const raw = text(field);
    if (raw === null) return null;
    return normalize(raw) ?? fail(field, message);
  };

  const firstName = normalized('firstName', normalizeName, 'is required');
  if (firstName === null && !errors.some((e) => e.field === 'firstName'))
    fail('firstName', 'is required');
  const email = normalized('email', normalizeEmail, 'is not a valid email address');
  const phone = normalized('phone', normalizePhone, 'is not a valid phone number');
  const emailGiven = text('email') !== null;
  const phoneGiven = text('phone') !== null;
  if (!emailGiven && !phoneGiven) {
    fail('email', 'an email or a phone number is required');
    fail('phone', 'an email or a phone number is required');
  }

  const preferredContact = normalized(
    'preferredContact',
    (v) => oneOf(CONTACT_METHODS, normalizeCode(v)),
    `must be one of ${CONTACT_METHODS.join(', ')}`,
  );
  if ((preferredContact === 'phone' || preferredContact === 'sms') && !phoneGiven) {
    fail('phone', `is required when the preferred contact is ${preferredContact}`);
  }
  if (preferredContact === 'email' && !emailGiven)
    fail('email', 'is required when the preferred contact is email');

  const interest = normalized(
    'interest',
    (v) => oneOf(INTERESTS, normalizeCode(v)),
    `must be one of ${INTERESTS.join(', ')}`,
  );
  const contactConsent = flag('contactConsent');
  if (contactConsent === false) fail('contactConsent', 'must be accepted');

  const request = {
    firstName: firstName ?? '',
    lastName: normalized('lastName', normalizeName, 'is invalid'),
    email,
    phone,
    preferredContact,
    bestTimeToContact: normalized('bestTimeToContact', normalizeName, 'is invalid'),
    state: normalized('state', normalizeState, 'is not a US state code'),
    message: normalized('message', normalizeText, 'is invalid'),
    interest,
    howDidYouHear: normalized('howDidYouHear', normalizeName, 'is invalid'),
    language: normalized(
      'language',
      normalizeLanguage,
      `must be a language code or name (${Object.keys(LANGUAGES).join(', ')})`,
    ),
    contactConsent: contactConsent === true,
    smsConsent: flag('smsConsent') === true,
    emailMarketingConsent: flag('emailMarketingConsent') === true,
    attribution: {
      utmSource: normalized('utm_source', normalizeName, 'is invalid'),
      utmMedium: normalized('utm_medium', normalizeName, 'is invalid'),
      utmCampaign: normalized('utm_campaign', normalizeName, 'is invalid'),
      utmTerm: normalized('utm_term', normalizeName, 'is invalid'),
      utmContent: normalized('utm_content', normalizeName, 'is invalid'),
      gclid: normalized('gclid', normalizeName, 'is invalid'),
      landingPage: normalized('landingPage', normalizeName, 'is invalid'),
      referrer: normalized('referrer', normalizeName, 'is invalid'),
    },
  };

  for (const field of requiredFields) {
    if (text(field) === null && !errors.some((e) => e.field === field)) fail(field, 'is required');
  }

  if (errors.length > 0) throw new SubmissionInvalidError(dedupe(errors));
  return request;
}

/** A repeated form field (`a=1&a=2`) counts as its last value, as most form handlers do. */
function single(value: FieldValue | undefined): FieldValue | undefined {
  if (!Array.isArray(value)) return value;
  const scalars = value.filter((v) => typeof v !== 'object' || v === null);
  return scalars.length === value.length ? scalars[scalars.length - 1] : value;
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
