import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PoolNotFoundError } from '../../domain/scheduling-errors';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { PoolSettings } from '../manage-routing/pool-settings';
import { GetRoutingPoolQuery } from './get-routing-pool.query';

@QueryHandler(GetRoutingPoolQuery)
export class GetRoutingPoolHandler implements IQueryHandler<GetRoutingPoolQuery, PoolSettings> {
  constructor(private readonly pools: PoolRepository) {}

  async execute({ props: q }: GetRoutingPoolQuery): Promise<PoolSettings> {
    const pool = await this.pools.find(q.poolId);
    if (!pool) throw new PoolNotFoundError(q.poolId);
    return pool;
  }
}
