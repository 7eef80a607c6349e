import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { DeadAlertDeliveryNotFoundError } from '../../domain/notifications-errors';
import { AlertDeliveryRepository } from '../../infrastructure/alert-delivery.repository';
import { RedriveAlertDeliveryCommand } from './redrive-alert-delivery.command';

@CommandHandler(RedriveAlertDeliveryCommand)
export class RedriveAlertDeliveryHandler implements ICommandHandler<RedriveAlertDeliveryCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { deliveryId: id, context },
  }: RedriveAlertDeliveryCommand): Promise<void> {
    await this.tx.run(async () => {
      const dead = await this.deliveries.redrive(id, this.clock.now());
      if (!dead) throw new DeadAlertDeliveryNotFoundError();
      await this.audit.record(context, {
        action: 'alert_delivery.redriven',
        targetId: id,
        before: { status: 'dead', attempts: dead.attempts, lastError: dead.lastError },
        after: { status: 'pending', attempts: 0 },
      });
    });
  }
}
