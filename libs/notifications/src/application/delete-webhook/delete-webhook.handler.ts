import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { TransactionRunner } from '@intake/platform';
import { WebhookNotFoundError } from '../../domain/webhooks/webhook-errors';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { DeleteWebhookCommand } from './delete-webhook.command';

@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
  ) {}

  execute({
    props: { webhookId: id, context },
  }: DeleteWebhookCommand): Promise<WebhookSubscription> {
    return this.tx.run(async () => {
      const before = await this.subscriptions.find(id, true);
      if (!before) throw new WebhookNotFoundError(id);
      await this.subscriptions.delete(id);
      await this.audit.record(context, {
        action: 'webhook.deleted',
        targetId: id,
        before,
        after: null,
      });
      return before;
    });
  }
}
