import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { PoolSettings } from '../manage-routing/pool-settings';

/** A pool as an admin gives it: everything but its id. */
export type PoolInput = Omit<PoolSettings, 'id'>;

export interface CreateRoutingPoolProps {
  readonly pool: PoolInput;
  readonly context: AuditContext;
}

export class CreateRoutingPoolCommand extends Command<PoolSettings> {
  constructor(readonly props: CreateRoutingPoolProps) {
    super();
  }
}
