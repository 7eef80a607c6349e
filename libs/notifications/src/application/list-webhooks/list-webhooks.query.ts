import { Query } from '@nestjs/cqrs';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

export class ListWebhooksQuery extends Query<WebhookSubscription[]> {}
