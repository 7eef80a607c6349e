import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeadAutomation } from '@intake/leads';
import { Clock, TransactionRunner } from '@intake/platform';
import { FollowUpState } from '../../domain/follow-up';
import { NoOpenFollowUpError } from '../../domain/scheduling-errors';
import { slaDeadline } from '../../domain/scheduling-settings';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { FollowUpStore } from '../save-follow-ups/follow-up-store';
import { lockWritableLead, requireFuture } from './follow-up-set-by-hand';
import { RescheduleFollowUpCommand } from './reschedule-follow-up.command';

@CommandHandler(RescheduleFollowUpCommand)
export class RescheduleFollowUpHandler implements ICommandHandler<RescheduleFollowUpCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly automation: LeadAutomation,
    private readonly store: FollowUpStore,
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  execute({ props: c }: RescheduleFollowUpCommand): Promise<FollowUpState> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const lead = await lockWritableLead(this.automation, c.leadId, c.actor);
      requireFuture(c.dueAt, now);
      const followUp = await this.store.findOpenForUpdate(c.leadId);
      if (!followUp) throw new NoOpenFollowUpError(c.leadId);
      const settings = await this.settings.get();
      const deadline = slaDeadline(settings, lead.snapshot().priority, c.dueAt);
      followUp.reschedule(c.dueAt, deadline, c.reason, now);
      await this.store.update(followUp);
      return followUp.snapshot();
    });
  }
}
