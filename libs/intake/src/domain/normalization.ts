import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { US_STATES } from './us-states';

// Control characters never belong in a form field; tabs and newlines fold into spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

/** Trimmed, inner whitespace collapsed, control characters removed; empty → null. */
export function normalizeName(value: string): string | null {
  const cleaned = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** Free text keeps its line breaks; other control characters go. */
export function normalizeText(value: string): string | null {
  const cleaned = value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_NEWLINE, '').trim();
  return cleaned === '' ? null : cleaned;
}

const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Lower-cased email, or null when it is not a syntactically valid address. */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return null;
  const [local, domain] = email.split('@') as [string, string];
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return null;
  if (!/\.[a-z]{2,}$/.test(domain)) return null;
  return email;
}

/** E.164 (`+15551234567`), reading national numbers as US; null when not a valid number. */
export function normalizePhone(value: string, defaultRegion: 'US' = 'US'): string | null {
  const phone = parsePhoneNumberFromString(value.trim(), defaultRegion);
  return phone && phone.isValid() ? phone.number : null;
}

const STATE_BY_NAME = new Map(
  Object.entries(US_STATES).map(([code, name]) => [name.toLowerCase(), code]),
);

/** Two-letter upper-case code from a code or a full name; null when not a US state. */
export function normalizeState(value: string): string | null {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  const code = trimmed.toUpperCase();
  if (code in US_STATES) return code;
  return STATE_BY_NAME.get(trimmed.toLowerCase()) ?? null;
}

/** `Chronic Pain`, `chronic-pain` → `chronic_pain`. */
export function normalizeCode(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Languages a clinic's coordinators commonly serve, by ISO 639-1 code, with the names forms use. */
export const LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  en: ['english'],
  es: ['spanish', 'español', 'espanol'],
  zh: ['chinese', 'mandarin', 'cantonese', '中文'],
  vi: ['vietnamese', 'tiếng việt', 'tieng viet'],
  ko: ['korean', '한국어'],
  tl: ['tagalog', 'filipino'],
  ru: ['russian', 'русский'],
  ar: ['arabic', 'العربية'],
  fr: ['french', 'français', 'francais'],
  ht: ['haitian creole', 'kreyòl', 'kreyol'],
  pt: ['portuguese', 'português', 'portugues'],
  de: ['german', 'deutsch'],
  it: ['italian', 'italiano'],
  pl: ['polish', 'polski'],
  hi: ['hindi', 'हिन्दी'],
  ja: ['japanese', '日本語'],
};

const LANGUAGE_BY_NAME = new Map(
  Object.entries(LANGUAGES).flatMap(([code, names]) => names.map((n) => [n, code] as const)),
);

/** ISO 639-1 code from a code (`es`, `es-MX`) or a name (`Spanish`, `Español`); null if unknown. */
export function normalizeLanguage(value: string): string | null {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  const code = text.split(/[-_]/)[0];
  if (Object.hasOwn(LANGUAGES, code)) return code;
  return LANGUAGE_BY_NAME.get(text) ?? null;
}
