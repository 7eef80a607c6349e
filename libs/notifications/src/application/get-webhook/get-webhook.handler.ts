import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookNotFoundError } from '../../domain/webhooks/webhook-errors';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { GetWebhookQuery } from './get-webhook.query';

@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery, WebhookSubscription> {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async execute({ props: q }: GetWebhookQuery): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.find(q.webhookId);
    if (!subscription) throw new WebhookNotFoundError(q.webhookId);
    return subscription;
  }
}
