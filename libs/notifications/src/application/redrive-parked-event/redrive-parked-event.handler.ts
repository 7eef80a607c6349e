import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { ParkedEventNotFoundError } from '../../domain/notifications-errors';
import { ParkedEventOrmEntity } from '../../infrastructure/parked-event.orm-entity';
import { RedriveParkedEventCommand } from './redrive-parked-event.command';

@CommandHandler(RedriveParkedEventCommand)
export class RedriveParkedEventHandler implements ICommandHandler<RedriveParkedEventCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AdminAuditRecorder,
    private readonly clock: Clock,
  ) {}

  async execute({ props: { parkedId: id, context } }: RedriveParkedEventCommand): Promise<void> {
    await this.tx.run(async () => {
      const repository = this.tx.requireTransaction().getRepository(ParkedEventOrmEntity);
      const row = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ParkedEventNotFoundError();
      await repository.update(id, { redriveRequestedAt: this.clock.now() });
      await this.audit.record(context, {
        action: 'notification_event.redriven',
        targetId: id,
        before: { eventId: row.eventId, type: row.type, error: row.error, attempts: row.attempts },
        after: { redriveRequested: true },
      });
    });
  }
}
