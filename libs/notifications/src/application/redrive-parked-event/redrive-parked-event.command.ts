import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';

export interface RedriveParkedEventProps {
  readonly parkedId: string;
  readonly context: AuditContext;
}

/**
 * Asks the worker to handle a parked record again: ParkedEventRedriver takes it up within its
 * poll. Audited.
 */
export class RedriveParkedEventCommand extends Command<void> {
  constructor(readonly props: RedriveParkedEventProps) {
    super();
  }
}
