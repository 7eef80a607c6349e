import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import {
  WebhookDeliveryNotFoundError,
  WebhookNotFoundError,
} from '../../domain/webhooks/webhook-errors';
import { WebhookDeliveryRepository } from '../../infrastructure/webhooks/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { DeliveryView } from '../list-webhook-deliveries/webhook-delivery-views';
import { RedeliverWebhookDeliveryCommand } from './redeliver-webhook-delivery.command';

@CommandHandler(RedeliverWebhookDeliveryCommand)
export class RedeliverWebhookDeliveryHandler implements ICommandHandler<RedeliverWebhookDeliveryCommand> {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { webhookId: id, deliveryId, context },
  }: RedeliverWebhookDeliveryCommand): Promise<DeliveryView> {
    await this.tx.run(async () => {
      if (!(await this.subscriptions.find(id))) throw new WebhookNotFoundError(id);
      if (!(await this.deliveries.requeue(id, deliveryId, this.clock.now()))) {
        throw new WebhookDeliveryNotFoundError(deliveryId);
      }
      await this.audit.record(context, {
        action: 'webhook_delivery.redelivered',
        targetId: deliveryId,
        before: null,
        after: { subscriptionId: id },
      });
    });
    return (await this.deliveries.find(id, deliveryId))!;
  }
}
