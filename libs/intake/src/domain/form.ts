import type { FieldError } from '@intake/kernel';
import {
  CONSULTATION_FIELDS,
  ConsultationField,
  isConsultationField,
  FieldValue,
  RawFields,
} from './consultation-request';

/** Fields the page sends for Intake itself rather than about the person. */
export const CONTROL_FIELDS = [
  'formStartedAt',
  'submissionToken',
  'startToken',
  // What the Turnstile and hCaptcha widgets add to the form.
  'cf-turnstile-response',
  'h-captcha-response',
] as const;

export interface FormSettings {
  key: string;
  name: string;
  allowedOrigins: string[];
  thankYouUrl: string;
  honeypotField: string;
  /** Alias (as the website names it) → canonical field name. */
  fieldAliases: Record<string, string>;
  requiredFields: ConsultationField[];
  minFillSeconds: number;
  limits: SubmissionLimits;
  /** Treat a request without a valid start token (GET …/start-token) as spam. */
  requireStartToken: boolean;
  captcha: CaptchaSettings | null;
}

export const CAPTCHA_PROVIDERS = ['turnstile', 'hcaptcha'] as const;
export type CaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number];

/** A captcha widget on the form, checked with the provider before anything is stored. */
export interface CaptchaSettings {
  provider: CaptchaProvider;
  siteKey: string;
  /** The provider's secret for the site key: never shown back, never audited. */
  secret: string;
  /**
   * When the provider cannot answer: `open` accepts the request as if it had passed (the other
   * checks still apply), `closed` refuses it with 503 so the person can try again.
   */
  failMode: 'open' | 'closed';
}

/** At most `limit` submissions in any `windowSeconds` window. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** How much one form accepts: from one source address, in all, and for one email or phone. */
export interface SubmissionLimits {
  perSource: RateLimit;
  perForm: RateLimit;
  perContact: RateLimit;
}

/**
 * Well above what people do: a person sends one request and perhaps a correction; a clinic's
 * busiest campaign day is a few hundred. A shared address (an office, a carrier's NAT) still
 * fits many people in 20 per 10 minutes.
 */
export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = Object.freeze({
  perSource: Object.freeze({ limit: 20, windowSeconds: 600 }),
  perForm: Object.freeze({ limit: 300, windowSeconds: 60 }),
  perContact: Object.freeze({ limit: 5, windowSeconds: 3600 }),
});

export const LIMIT_BOUNDS = { limit: [1, 1_000_000], windowSeconds: [1, 86_400] } as const;

export interface CanonicalFields {
  known: Partial<Record<ConsultationField, FieldValue>>;
  unknown: RawFields;
  honeypot: FieldValue | undefined;
  formStartedAt: FieldValue | undefined;
  submissionToken: string | null;
  startToken: string | null;
  captchaResponse: string | null;
}

// `first_name`, `FirstName` and `firstname` all mean firstName.
const fold = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

const CANONICAL_BY_FOLDED = new Map<string, string>(
  [...Object.keys(CONSULTATION_FIELDS), ...CONTROL_FIELDS].map((f) => [fold(f), f]),
);

/** Form keys appear in URLs and events: short, URL-safe. */
export const FORM_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** A website's configured consultation form. */
export class Form {
  constructor(readonly settings: Readonly<FormSettings>) {
    if (!FORM_KEY.test(settings.key)) throw new Error(`Invalid form key "${settings.key}"`);
  }

  get key(): string {
    return this.settings.key;
  }

  /** Browsers send Origin; a request without one (a site's own server) is allowed. */
  allowsOrigin(origin: string | null): boolean {
    if (origin === null) return true;
    return this.settings.allowedOrigins.some((allowed) => allowed === '*' || allowed === origin);
  }

  /** Maps the website's field names to Intake's, keeping unknown fields apart. */
  canonicalize(raw: RawFields): CanonicalFields {
    const aliases = new Map(
      Object.entries(this.settings.fieldAliases).map(([a, c]) => [fold(a), c]),
    );
    const honeypot = fold(this.settings.honeypotField);
    const result: CanonicalFields = {
      known: Object.create(null) as CanonicalFields['known'],
      unknown: Object.create(null) as RawFields,
      honeypot: undefined,
      formStartedAt: undefined,
      submissionToken: null,
      startToken: null,
      captchaResponse: null,
    };
    const control: Record<string, FieldValue> = Object.create(null);
    for (const [name, value] of Object.entries(raw)) {
      const folded = fold(name);
      if (folded === honeypot) {
        result.honeypot = value;
        continue;
      }
      const canonical = aliases.get(folded) ?? CANONICAL_BY_FOLDED.get(folded);
      if (canonical === undefined) {
        result.unknown[name] = value;
      } else if (isConsultationField(canonical)) {
        // The first non-empty value wins when a page sends a field under two names.
        if (isEmpty(result.known[canonical])) result.known[canonical] = value;
      } else {
        control[canonical] = value;
      }
    }
    result.formStartedAt = control.formStartedAt;
    result.submissionToken = textOf(control.submissionToken);
    result.startToken = textOf(control.startToken);
    result.captchaResponse =
      textOf(control['cf-turnstile-response']) ?? textOf(control['h-captcha-response']);
    return result;
  }
}

/** A control field's text; a field sent twice counts as not sent. */
function textOf(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isEmpty(value: FieldValue | undefined): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

const HONEYPOT_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * What an admin may save as a form: every problem at once, as field errors. Aliases must
 * point at fields Intake knows; the honeypot must not be a field a person fills in.
 */
export function formSettingsProblems(settings: FormSettings): FieldError[] {
  const problems: FieldError[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!FORM_KEY.test(settings.key)) fail('key', 'must be 1 to 100 letters, digits, _ or -');
  settings.allowedOrigins.forEach((origin, i) => {
    if (origin !== '*' && !isOrigin(origin)) {
      fail(`allowedOrigins.${i}`, 'must be an origin such as https://clinic.example, or *');
    }
  });
  if (!/^\/(?!\/)/.test(settings.thankYouUrl) && !isHttpUrl(settings.thankYouUrl)) {
    fail('thankYouUrl', 'must be an http(s) URL or a path starting with /');
  }
  if (!HONEYPOT_NAME.test(settings.honeypotField)) {
    fail('honeypotField', 'must be 1 to 100 letters, digits, _ or -');
  } else if (CANONICAL_BY_FOLDED.has(fold(settings.honeypotField))) {
    fail('honeypotField', 'must not be a field a person fills in');
  }
  if (Object.keys(settings.fieldAliases).length > 100) {
    fail('fieldAliases', 'may hold at most 100 aliases');
  }
  for (const [alias, canonical] of Object.entries(settings.fieldAliases)) {
    if (
      !isConsultationField(canonical) &&
      !(CONTROL_FIELDS as readonly string[]).includes(canonical)
    ) {
      fail(`fieldAliases.${alias}`, 'must name a field Intake knows, such as firstName');
    }
    if (fold(alias) === fold(settings.honeypotField)) {
      fail(`fieldAliases.${alias}`, 'is the honeypot field');
    }
  }
  for (const field of settings.requiredFields) {
    if (!isConsultationField(field)) fail('requiredFields', `${field} is not a field Intake knows`);
  }
  if (settings.captcha !== null) {
    const { provider, siteKey, secret, failMode } = settings.captcha;
    if (!(CAPTCHA_PROVIDERS as readonly string[]).includes(provider)) {
      fail('captcha.provider', `must be one of ${CAPTCHA_PROVIDERS.join(', ')}`);
    }
    if (!/^[\x21-\x7e]{1,200}$/.test(siteKey)) {
      fail('captcha.siteKey', 'must be 1 to 200 visible ASCII characters');
    }
    if (!/^[\x21-\x7e]{1,500}$/.test(secret)) {
      fail(
        'captcha.secret',
        "must be 1 to 500 visible ASCII characters; required unless the form already has this provider's",
      );
    }
    if (failMode !== 'open' && failMode !== 'closed') {
      fail('captcha.failMode', 'must be open or closed');
    }
  }
  for (const scope of ['perSource', 'perForm', 'perContact'] as const) {
    for (const part of ['limit', 'windowSeconds'] as const) {
      const value = settings.limits[scope][part];
      const [min, max] = LIMIT_BOUNDS[part];
      if (!Number.isInteger(value) || value < min || value > max) {
        fail(`limits.${scope}.${part}`, `must be a whole number from ${min} to ${max}`);
      }
    }
  }
  return problems;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
