import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { ListWebhooksQuery } from './list-webhooks.query';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<
  ListWebhooksQuery,
  WebhookSubscription[]
> {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  execute(): Promise<WebhookSubscription[]> {
    return this.subscriptions.list();
  }
}
