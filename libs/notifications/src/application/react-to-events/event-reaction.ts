import type { EventType, PublishedEvent } from '@intake/events';

/** A lead event as the notifications consumer took it from the topic. */
export interface ReceivedEvent {
  /** `ce_type`, e.g. `intake.lead.assigned.v1`. */
  type: EventType;
  /** The published payload: envelope (eventId, occurredAt, leadId, sequence, schemaVersion) and fields. */
  payload: PublishedEvent;
}

/**
 * What the notifications context does when an event arrives: queue alerts, webhook deliveries,
 * crisis pages. Each reaction runs inside the consumer's transaction for that event (the one that
 * also records the event id as handled), so it writes rows only, never talks to the outside: the
 * deliverers do that after the commit. Throwing rolls the event back; it comes again.
 */
export interface EventReaction {
  /** For logs and metrics: `alerts`, `webhooks`, `crisis`. */
  readonly name: string;
  react(event: ReceivedEvent): Promise<void>;
}

/** The reactions, in the order they run; declared where the module is composed. */
export const EVENT_REACTIONS = Symbol('EVENT_REACTIONS');
