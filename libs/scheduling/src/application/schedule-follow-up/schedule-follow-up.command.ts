import { Command } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { FollowUpKind, FollowUpState } from '../../domain/follow-up';

export interface ScheduleFollowUpProps {
  readonly leadId: string;
  readonly kind: Extract<FollowUpKind, 'callback' | 'consult_reminder'>;
  readonly dueAt: Date;
  readonly actor: Actor;
}

/** Puts a callback or consult reminder in place of the lead's open follow-up. */
export class ScheduleFollowUpCommand extends Command<FollowUpState> {
  constructor(readonly props: ScheduleFollowUpProps) {
    super();
  }
}
