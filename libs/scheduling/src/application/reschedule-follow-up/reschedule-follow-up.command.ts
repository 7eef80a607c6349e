import { Command } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { FollowUpState, RescheduleReason } from '../../domain/follow-up';

export interface RescheduleFollowUpProps {
  readonly leadId: string;
  readonly dueAt: Date;
  readonly reason: RescheduleReason;
  readonly actor: Actor;
}

/** Snoozes or moves the lead's open follow-up, with a reason. */
export class RescheduleFollowUpCommand extends Command<FollowUpState> {
  constructor(readonly props: RescheduleFollowUpProps) {
    super();
  }
}
