import { Command } from '@nestjs/cqrs';
import type { Actor, AuditContext } from '@intake/access';

export interface DeleteAwayPeriodProps {
  readonly staffId: string;
  readonly awayId: string;
  readonly actor: Actor;
  readonly context: AuditContext;
}

/** Removes an absence (admins, or the person). */
export class DeleteAwayPeriodCommand extends Command<void> {
  constructor(readonly props: DeleteAwayPeriodProps) {
    super();
  }
}
