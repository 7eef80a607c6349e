import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { WebhookNotFoundError } from '../../domain/webhooks/webhook-errors';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { WebhookInputCheck } from '../create-webhook/webhook-input-check';
import { UpdateWebhookCommand } from './update-webhook.command';

@CommandHandler(UpdateWebhookCommand)
export class UpdateWebhookHandler implements ICommandHandler<UpdateWebhookCommand> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly input: WebhookInputCheck,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { webhookId: id, change, context },
  }: UpdateWebhookCommand): Promise<WebhookSubscription> {
    await this.input.check(change);
    return this.tx.run(async () => {
      const before = await this.subscriptions.find(id, true);
      if (!before) throw new WebhookNotFoundError(id);
      const now = this.clock.now();
      const after: WebhookSubscription = {
        ...before,
        url: change.url ?? before.url,
        eventTypes: change.eventTypes ?? before.eventTypes,
        description: change.description ?? before.description,
        updatedAt: now,
      };
      if (change.enabled !== undefined && change.enabled !== before.enabled) {
        after.enabled = change.enabled;
        after.disabledReason = change.enabled ? null : 'admin';
        after.disabledAt = change.enabled ? null : now;
      }
      await this.subscriptions.update(after);
      await this.audit.record(context, { action: 'webhook.updated', targetId: id, before, after });
      return after;
    });
  }
}
