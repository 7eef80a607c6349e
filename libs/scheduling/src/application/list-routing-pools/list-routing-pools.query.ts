import { Query } from '@nestjs/cqrs';
import type { PoolSettings } from '../manage-routing/pool-settings';

/** Every routing pool. */
export class ListRoutingPoolsQuery extends Query<PoolSettings[]> {}
