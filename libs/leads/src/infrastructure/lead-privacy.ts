import { type BlindIndex, type Sealer, sealedPlace } from '@intake/platform';
import { ERASED_NAME } from '../domain/lead-state';
import { foldForSearch } from '../domain/text-folding';

/**
 * The one place that says which of a lead's columns are personal and how they are stored:
 * sealed with the lead's data key (`leads.<column>:<lead id>` bound in), and looked up through
 * blind indexes. The mapper (writes and the aggregate's reads) and the read model use it.
 */
export const SEALED_LEAD_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'bestTimeToContact',
  'howDidYouHear',
] as const;

export type SealedLeadField = (typeof SEALED_LEAD_FIELDS)[number];
export type LeadPersonalFields = Record<SealedLeadField, string | null>;

export function sealLead<T extends LeadPersonalFields>(sealer: Sealer, leadId: string, row: T): T {
  const sealed = { ...row };
  for (const field of SEALED_LEAD_FIELDS) {
    sealed[field] = (
      sealer.erased ? null : sealer.seal(leadContext(field, leadId), row[field])
    ) as T[SealedLeadField];
  }
  return sealed;
}

export function openLead<T extends LeadPersonalFields & { id: string }>(
  sealer: Sealer,
  row: T,
): T & { firstName: string } {
  const opened = { ...row };
  for (const field of SEALED_LEAD_FIELDS) {
    opened[field] = sealer.open(leadContext(field, row.id), row[field]) as T[SealedLeadField];
  }
  // An erased lead (its data key deleted) reads with the erased first name, null for the rest.
  return { ...opened, firstName: opened.firstName ?? ERASED_NAME };
}

function leadContext(field: SealedLeadField, leadId: string): string {
  return sealedPlace('leads', field, leadId);
}

export interface LeadIndexes {
  emailIndex: string | null;
  phoneIndex: string | null;
  nameIndex: string[];
}

/** Blind indexes of the lead's email (stored lower-cased), phone (E.164) and name tokens. */
export function leadIndexes(
  blind: BlindIndex,
  lead: Pick<LeadPersonalFields, 'firstName' | 'lastName' | 'email' | 'phone'>,
): LeadIndexes {
  return {
    emailIndex: blind.of('email', lead.email),
    phoneIndex: blind.of('phone', lead.phone),
    nameIndex: nameSearchKeys(`${lead.firstName ?? ''} ${lead.lastName ?? ''}`).map((key) =>
      blind.of('name', key)!,
    ),
  };
}

const MIN_PREFIX = 3;

/**
 * What a name is found by: each folded word's parts (split at hyphens and apostrophes) and the
 * parts joined, each whole and by its prefixes from three letters. "Ann-Marie O'Neil" → ann,
 * mar, mari, marie, annmarie (and its prefixes), o, nei, neil, one, onei, oneil.
 */
export function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const word of foldForSearch(name).split(' ').filter(Boolean)) {
    const parts = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const token of new Set([...parts, parts.join('')])) {
      if (!token) continue;
      keys.add(token);
      for (let n = MIN_PREFIX; n < token.length; n += 1) keys.add(token.slice(0, n));
    }
  }
  return [...keys];
}

/**
 * The keys a search term must all match: each word whole when shorter than three letters (a
 * prefix that short is not indexed), else as a prefix.
 */
export function nameSearchTerms(term: string): string[] {
  return [
    ...new Set(
      foldForSearch(term)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}
