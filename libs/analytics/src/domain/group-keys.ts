/** The dimensions the funnel can be split by. */
export const FUNNEL_GROUPS = ['source', 'form', 'state', 'interest'] as const;

export type FunnelGroup = (typeof FUNNEL_GROUPS)[number];

export const UNKNOWN = 'unknown';

/** What a lead is grouped by, fixed when its `lead.submitted` is seen. */
export interface LeadGroupKeys {
  source: string;
  form: string;
  state: string;
  interest: string;
}

/**
 * The first touch's `utm_source`, trimmed and lower-cased, or `direct` when there is none: the
 * same meaning as the coordinator API's `source` filter.
 */
export function sourceOf(utmSource: string | null | undefined): string {
  return utmSource?.trim().toLowerCase() || 'direct';
}

export function groupKeysOf(submitted: {
  formKey: string;
  state: string | null;
  interest: string | null;
  attribution: { utmSource: string | null };
}): LeadGroupKeys {
  return {
    source: sourceOf(submitted.attribution.utmSource),
    form: submitted.formKey,
    state: submitted.state ?? UNKNOWN,
    interest: submitted.interest ?? UNKNOWN,
  };
}
