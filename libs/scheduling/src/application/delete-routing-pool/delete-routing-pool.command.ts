import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';

export interface DeleteRoutingPoolProps {
  readonly poolId: string;
  readonly context: AuditContext;
}

/** Deletes a pool no rule uses; the default pool stays. */
export class DeleteRoutingPoolCommand extends Command<void> {
  constructor(readonly props: DeleteRoutingPoolProps) {
    super();
  }
}
