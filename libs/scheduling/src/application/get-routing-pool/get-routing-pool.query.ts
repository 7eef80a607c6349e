import { Query } from '@nestjs/cqrs';
import type { PoolSettings } from '../manage-routing/pool-settings';

export interface GetRoutingPoolProps {
  readonly poolId: string;
}

/** One routing pool; SCHEDULING.POOL_NOT_FOUND when there is none. */
export class GetRoutingPoolQuery extends Query<PoolSettings> {
  constructor(readonly props: GetRoutingPoolProps) {
    super();
  }
}
