import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { newSigningSecret } from '../../domain/webhooks/webhook-secret';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { CreateWebhookCommand, WebhookWithSecret } from './create-webhook.command';
import { WebhookInputCheck } from './webhook-input-check';

@CommandHandler(CreateWebhookCommand)
export class CreateWebhookHandler implements ICommandHandler<CreateWebhookCommand> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly input: WebhookInputCheck,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ props: c }: CreateWebhookCommand): Promise<WebhookWithSecret> {
    await this.input.check({ url: c.url, eventTypes: c.eventTypes, description: c.description });
    const now = this.clock.now();
    const subscription: WebhookSubscription = {
      id: this.ids.next(),
      url: c.url,
      eventTypes: c.eventTypes,
      description: c.description,
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const secret = newSigningSecret();
    await this.tx.run(async () => {
      await this.subscriptions.insert(subscription, secret);
      await this.audit.record(c.context, {
        action: 'webhook.created',
        targetId: subscription.id,
        before: null,
        after: subscription,
      });
    });
    return { subscription, secret };
  }
}
