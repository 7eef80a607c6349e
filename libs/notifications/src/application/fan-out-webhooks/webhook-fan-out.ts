import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import { webhookPayloadOf } from './webhook-payload';
import { WebhookDeliveryRepository } from '../../infrastructure/webhooks/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { EventReaction, ReceivedEvent } from '../react-to-events/event-reaction';

/**
 * Queues one delivery per enabled subscription that asked for the event's type, in the
 * transaction that handles the event; the deliverer sends them after the commit. The payload is
 * the published envelope without what could tell of a condition (`webhookPayloadOf`).
 */
@Injectable()
export class WebhookFanOut implements EventReaction {
  readonly name = 'webhooks';

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async react(event: ReceivedEvent): Promise<void> {
    const matching = await this.subscriptions.matching(event.type);
    if (matching.length === 0) return;
    const payload = webhookPayloadOf(event.payload);
    const now = this.clock.now();
    await this.deliveries.insertMany(
      matching.map((subscription) => ({
        id: this.ids.next(),
        subscriptionId: subscription.id,
        eventId: event.payload.eventId,
        eventType: event.type,
        leadId: event.payload.leadId,
        sequence: event.payload.sequence,
        payload: { type: event.type, ...payload },
        createdAt: now,
      })),
    );
  }
}
