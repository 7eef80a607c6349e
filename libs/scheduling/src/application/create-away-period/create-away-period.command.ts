import { Command } from '@nestjs/cqrs';
import type { Actor, AuditContext } from '@intake/access';
import type { AwayPeriod, AwayReason } from '../../domain/staff-schedule';

export interface CreateAwayPeriodProps {
  readonly staffId: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly reason: AwayReason;
  readonly actor: Actor;
  readonly context: AuditContext;
}

/** Records an absence: no leads are routed to the person during it (admins, or the person). */
export class CreateAwayPeriodCommand extends Command<AwayPeriod> {
  constructor(readonly props: CreateAwayPeriodProps) {
    super();
  }
}
