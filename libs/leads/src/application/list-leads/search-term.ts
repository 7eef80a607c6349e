import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { foldForSearch } from '../../domain/text-folding';

export type SearchTerm = { email: string } | { phone: string } | { name: string };

/**
 * What a coordinator typed into the search box: an email, a phone number in any format (found
 * as the E.164 number leads are stored with), or else part of a name.
 */
export function parseSearchTerm(q: string): SearchTerm {
  const text = q.trim();
  if (text.includes('@')) return { email: text.toLowerCase() };
  if (/^[\d\s()+.\-/]+$/.test(text) && text.replace(/\D/g, '').length >= 7) {
    const phone = parsePhoneNumberFromString(text, 'US');
    if (phone?.isValid()) return { phone: phone.number };
    // Not a valid number anywhere: still look for it as typed, as E.164 would spell it.
    const digits = text.replace(/\D/g, '');
    if (text.trim().startsWith('+')) return { phone: `+${digits}` };
    return { phone: digits.length === 10 ? `+1${digits}` : `+${digits}` };
  }
  return { name: foldForSearch(text) };
}
