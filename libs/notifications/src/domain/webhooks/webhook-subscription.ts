import type { FieldError } from '@intake/kernel';
import { WEBHOOK_WITHHELD_TYPES } from './webhook-payload';

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
