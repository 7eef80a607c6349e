import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { WebhookNotFoundError } from '../../domain/webhooks/webhook-errors';
import { newSigningSecret } from '../../domain/webhooks/webhook-secret';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { WebhooksConfig } from '../../infrastructure/webhooks/webhooks.config';
import { WebhookWithSecret } from '../create-webhook/create-webhook.command';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(WebhooksConfig) private readonly config: WebhooksConfig,
  ) {}

  /**
   * A new secret, in force at once; deliveries are signed with the old one as well for
   * WEBHOOKS_SECRET_OVERLAP_HOURS, so the receiver can switch without missing one.
   */
  execute({
    props: { webhookId: id, context },
  }: RotateWebhookSecretCommand): Promise<WebhookWithSecret> {
    const secret = newSigningSecret();
    return this.tx.run(async () => {
      const subscription = await this.subscriptions.find(id, true);
      if (!subscription) throw new WebhookNotFoundError(id);
      const now = this.clock.now();
      const overlapMs = this.config.WEBHOOKS_SECRET_OVERLAP_HOURS * 3_600_000;
      await this.subscriptions.rotateSecret(id, secret, now, new Date(now.getTime() + overlapMs));
      await this.audit.record(context, {
        action: 'webhook.secret_rotated',
        targetId: id,
        before: null,
        after: null,
      });
      return { subscription: { ...subscription, updatedAt: now }, secret };
    });
  }
}
