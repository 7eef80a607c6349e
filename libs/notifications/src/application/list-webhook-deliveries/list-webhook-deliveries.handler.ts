import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookNotFoundError } from '../../domain/webhooks/webhook-errors';
import { WebhookDeliveryRepository } from '../../infrastructure/webhooks/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { ListWebhookDeliveriesQuery, WebhookDeliveryPage } from './list-webhook-deliveries.query';

@QueryHandler(ListWebhookDeliveriesQuery)
export class ListWebhookDeliveriesHandler implements IQueryHandler<
  ListWebhookDeliveriesQuery,
  WebhookDeliveryPage
> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async execute({
    props: { webhookId: id, ...filter },
  }: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPage> {
    if (!(await this.subscriptions.find(id))) throw new WebhookNotFoundError(id);
    const rows = await this.deliveries.list(id, { ...filter, limit: filter.limit + 1 });
    return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  }
}
