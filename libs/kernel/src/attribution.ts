/**
 * Where a person came from when they asked: UTM parameters, the ad click id, the landing page and
 * the referrer. Never personal data (intake strips query strings and anything that looks like an
 * email or a phone number). Shared by intake (the form), leads (each touch) and the published
 * event contract (`AttributionV1`), which must keep these fields as they are.
 */
export interface Attribution {
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
