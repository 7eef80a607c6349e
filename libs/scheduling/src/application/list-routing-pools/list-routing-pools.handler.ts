import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { PoolSettings } from '../manage-routing/pool-settings';
import { ListRoutingPoolsQuery } from './list-routing-pools.query';

@QueryHandler(ListRoutingPoolsQuery)
export class ListRoutingPoolsHandler implements IQueryHandler<
  ListRoutingPoolsQuery,
  PoolSettings[]
> {
  constructor(private readonly pools: PoolRepository) {}

  execute(): Promise<PoolSettings[]> {
    return this.pools.list();
  }
}
