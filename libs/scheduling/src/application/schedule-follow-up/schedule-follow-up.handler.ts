import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeadAutomation, LeadClosedError } from '@intake/leads';
import { Clock, TransactionRunner } from '@intake/platform';
import { FollowUpState } from '../../domain/follow-up';
import { lockWritableLead, requireFuture } from '../reschedule-follow-up/follow-up-set-by-hand';
import { FollowUpPlanner } from '../plan-follow-ups/follow-up-planner';
import { ScheduleFollowUpCommand } from './schedule-follow-up.command';

@CommandHandler(ScheduleFollowUpCommand)
export class ScheduleFollowUpHandler implements ICommandHandler<ScheduleFollowUpCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly automation: LeadAutomation,
    private readonly planner: FollowUpPlanner,
    private readonly clock: Clock,
  ) {}

  execute({ props: c }: ScheduleFollowUpCommand): Promise<FollowUpState> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const lead = await lockWritableLead(this.automation, c.leadId, c.actor);
      if (!lead.isOpen) throw new LeadClosedError(lead.snapshot().status);
      requireFuture(c.dueAt, now);
      const followUp = await this.planner.scheduleByHand(lead.snapshot(), c.kind, c.dueAt, now);
      return followUp.snapshot();
    });
  }
}
