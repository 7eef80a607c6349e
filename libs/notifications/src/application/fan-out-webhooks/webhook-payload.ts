import type { PublishedEvent } from '@intake/events';

/**
 * What a webhook never carries, at any depth of the published payload. Envelopes hold no name,
 * contact detail or free text already; these are the fields from which a person's condition could
 * be read:
 * - `interest`: the treatment asked about;
 * - `crisisFlag`: crisis language in the message;
 * - `priority`: `urgent` is what crisis language sets, so it tells the same;
 * - `attribution`: campaign terms and landing pages name the treatment searched for;
 * - `formKey`: clinics keep one form per treatment, and its key names it.
 */
export const WEBHOOK_WITHHELD_FIELDS = [
  'interest',
  'crisisFlag',
  'priority',
  'attribution',
  'formKey',
] as const;

const WITHHELD = new Set<string>(WEBHOOK_WITHHELD_FIELDS);

/** The published event as a webhook sends it: the same envelope, without the withheld fields. */
export function webhookPayloadOf(event: PublishedEvent): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !WITHHELD.has(key))
        .map(([key, value]) => [key, strip(value)]),
    );
  };
  return strip(event) as Record<string, unknown>;
}
