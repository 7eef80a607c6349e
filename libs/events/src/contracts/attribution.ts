import type { Attribution } from '@intake/kernel';

/**
 * Where a lead came from, as published: the kernel's `Attribution`. A change to those fields is
 * a change to this contract (the compatibility check over the schemas' history catches it).
 */
export type AttributionV1 = Attribution;

export type AttributionInput = { [K in keyof AttributionV1]?: string | null };

const MAX_TOKEN = 100;
const MAX_URL = 2048;
// An email address or a phone-like run of digits: what a visitor could put in a crafted link.
const LOOKS_PERSONAL = /@|%40|\d[\d\s().-]{5,}\d/i;

/**
 * The event form of a touch: every key present. Campaign values are kept only when short and
 * free of anything that looks like an email or phone number; URLs are cut to origin and path,
 * and to the origin alone when the path looks personal.
 */
export function attributionV1(input: AttributionInput): AttributionV1 {
  return {
    utmSource: campaignToken(input.utmSource),
    utmMedium: campaignToken(input.utmMedium),
    utmCampaign: campaignToken(input.utmCampaign),
    utmTerm: campaignToken(input.utmTerm),
    utmContent: campaignToken(input.utmContent),
    gclid: campaignToken(input.gclid),
    landingPage: originAndPath(input.landingPage),
    referrer: originAndPath(input.referrer),
  };
}

export function campaignToken(value: string | null | undefined): string | null {
  if (!value) return null;
  const token = value.trim();
  if (token === '' || token.length > MAX_TOKEN || LOOKS_PERSONAL.test(token)) return null;
  return token;
}

export function originAndPath(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const full = `${parsed.origin}${parsed.pathname}`;
    const personal = LOOKS_PERSONAL.test(decodeURIComponentSafe(parsed.pathname));
    return personal || full.length > MAX_URL ? `${parsed.origin}/` : full;
  } catch {
    return null;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
