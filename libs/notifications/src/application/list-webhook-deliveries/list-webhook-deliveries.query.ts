import { Query } from '@nestjs/cqrs';
import type { DeliveryStatus, DeliveryView } from './webhook-delivery-views';

export interface ListWebhookDeliveriesProps {
  readonly webhookId: string;
  readonly status?: DeliveryStatus;
  readonly limit: number;
  /** The page cursor: deliveries older than this one. */
  readonly before?: string;
}

export interface WebhookDeliveryPage {
  items: DeliveryView[];
  hasMore: boolean;
}

/** A subscription's deliveries, newest first; WEBHOOK.NOT_FOUND when there is none. */
export class ListWebhookDeliveriesQuery extends Query<WebhookDeliveryPage> {
  constructor(readonly props: ListWebhookDeliveriesProps) {
    super();
  }
}
