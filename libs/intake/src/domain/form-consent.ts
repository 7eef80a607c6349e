import type { ConsentKind } from '@intake/kernel';

/** The form's consent boxes, by the field that carries each. */
export const CONSENT_FIELDS = {
  contactConsent: 'contact',
  smsConsent: 'sms',
  emailMarketingConsent: 'email_marketing',
} as const satisfies Record<string, ConsentKind>;

/** The kinds a request's ticked boxes grant. */
export function grantedKinds(request: Record<keyof typeof CONSENT_FIELDS, boolean>): ConsentKind[] {
  return (Object.keys(CONSENT_FIELDS) as Array<keyof typeof CONSENT_FIELDS>)
    .filter((field) => request[field])
    .map((field) => CONSENT_FIELDS[field]);
}

export interface FormPage {
  origin: string | null;
  /** The path only: a query string or fragment can carry personal data (an email, a name). */
  path: string | null;
}

const MAX_LENGTH = 2048;

/**
 * The page a form was posted from: the request's Origin header (else the Referer's origin) and
 * the Referer's path. Neither is trusted for more than the record: both are the browser's word.
 */
export function formPageOf(origin: string | null, referer: string | null): FormPage {
  const ref = urlOf(referer);
  const fromOrigin = urlOf(origin);
  const pageOrigin = fromOrigin?.origin ?? ref?.origin ?? null;
  return {
    origin: pageOrigin === 'null' ? null : clip(pageOrigin),
    path: clip(ref?.pathname ?? null),
  };
}

function urlOf(value: string | null): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function clip(value: string | null): string | null {
  return value === null ? null : value.slice(0, MAX_LENGTH);
}

/** One version of the text beside a form's consent box; a new one never changes an old one. */
export interface ConsentWording {
  formKey: string;
  kind: ConsentKind;
  version: number;
  text: string;
  createdAt: Date;
  /** The staff member who published it; null from the CLI. */
  createdBy: string | null;
}
