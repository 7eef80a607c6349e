import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { DeliveryView } from '../list-webhook-deliveries/webhook-delivery-views';

export interface RedeliverWebhookDeliveryProps {
  readonly webhookId: string;
  readonly deliveryId: string;
  readonly context: AuditContext;
}

/** Queues the delivery again (same `webhook-id`); it goes out once the subscription is on. */
export class RedeliverWebhookDeliveryCommand extends Command<DeliveryView> {
  constructor(readonly props: RedeliverWebhookDeliveryProps) {
    super();
  }
}
