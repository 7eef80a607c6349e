import type { FieldError } from '@intake/kernel';

/** An integrator's endpoint as admins see it; the signing secret is shown only when made. */
export interface WebhookSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  enabled: boolean;
  /** `failing`: Intake turned it off after a delivery failed for a day; `admin`: a person did. */
  disabledReason: 'failing' | 'admin' | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_EVENT_TYPES = 50;

/**
 * Event types not offered to webhooks at all, because their bare envelope tells of a crisis: a
 * priority change is about priority and the crisis flag and nothing else, and a crisis page's
 * events exist only for crisis language.
 */
export const WEBHOOK_WITHHELD_TYPES: readonly string[] = [
  'intake.lead.priority_changed.v1',
  'intake.crisis.paged.v1',
  'intake.crisis.escalated.v1',
  'intake.crisis.acknowledged.v1',
];

/** What is wrong with a subscription's event types, given the catalog's types. */
export function eventTypeProblems(
  eventTypes: readonly string[],
  catalog: readonly string[],
): FieldError[] {
  if (eventTypes.length === 0)
    return [{ field: 'eventTypes', message: 'must name at least one event type' }];
  const problems: FieldError[] = [];
  eventTypes.forEach((type, i) => {
    if (WEBHOOK_WITHHELD_TYPES.includes(type)) {
      problems.push({
        field: `eventTypes[${i}]`,
        message: 'is not sent to webhooks: it would tell of a person’s condition',
      });
    } else if (!catalog.includes(type)) {
      problems.push({ field: `eventTypes[${i}]`, message: 'is not an event type' });
    } else if (eventTypes.indexOf(type) !== i) {
      problems.push({ field: `eventTypes[${i}]`, message: 'is listed twice' });
    }
  });
  return problems;
}

/** The event types a subscription may name: the catalog without the withheld ones. */
export function webhookEventTypes(catalog: readonly string[]): string[] {
  return catalog.filter((type) => !WEBHOOK_WITHHELD_TYPES.includes(type));
}
