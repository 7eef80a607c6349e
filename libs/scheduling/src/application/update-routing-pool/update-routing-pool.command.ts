import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { PoolInput } from '../create-routing-pool/create-routing-pool.command';
import type { PoolSettings } from '../manage-routing/pool-settings';

export interface UpdateRoutingPoolProps {
  readonly poolId: string;
  readonly pool: PoolInput;
  readonly context: AuditContext;
}

/** Replaces a pool; members who stay keep their place. */
export class UpdateRoutingPoolCommand extends Command<PoolSettings> {
  constructor(readonly props: UpdateRoutingPoolProps) {
    super();
  }
}
