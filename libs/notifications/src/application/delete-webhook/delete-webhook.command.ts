import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

export interface DeleteWebhookProps {
  readonly webhookId: string;
  readonly context: AuditContext;
}

/** Deletes the subscription with its deliveries; answers it as it was. */
export class DeleteWebhookCommand extends Command<WebhookSubscription> {
  constructor(readonly props: DeleteWebhookProps) {
    super();
  }
}
