/** Where a lead came from: UTM parameters, ad click id, pages. Never personal data. */
export interface AttributionV1 {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  gclid: string | null;
  /** Origin and path only: query strings and fragments can carry personal data. */
  landingPage: string | null;
  referrer: string | null;
}

export type AttributionInput = { [K in keyof AttributionV1]?: string | null };

/** The event form of a touch: every key present, URLs cut to origin and path. */
export function attributionV1(input: AttributionInput): AttributionV1 {
  return {
    utmSource: input.utmSource ?? null,
    utmMedium: input.utmMedium ?? null,
    utmCampaign: input.utmCampaign ?? null,
    utmTerm: input.utmTerm ?? null,
    utmContent: input.utmContent ?? null,
    gclid: input.gclid ?? null,
    landingPage: originAndPath(input.landingPage),
    referrer: originAndPath(input.referrer),
  };
}

export function originAndPath(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}
