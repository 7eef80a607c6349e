import { Query } from '@nestjs/cqrs';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

export interface GetWebhookProps {
  readonly webhookId: string;
}

export class GetWebhookQuery extends Query<WebhookSubscription> {
  constructor(readonly props: GetWebhookProps) {
    super();
  }
}
