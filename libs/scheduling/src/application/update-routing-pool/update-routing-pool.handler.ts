import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoutingPoolSaver } from '../create-routing-pool/routing-pool-saver';
import { PoolSettings } from '../manage-routing/pool-settings';
import { UpdateRoutingPoolCommand } from './update-routing-pool.command';

@CommandHandler(UpdateRoutingPoolCommand)
export class UpdateRoutingPoolHandler implements ICommandHandler<UpdateRoutingPoolCommand> {
  constructor(private readonly saver: RoutingPoolSaver) {}

  execute({ props: c }: UpdateRoutingPoolCommand): Promise<PoolSettings> {
    return this.saver.save({ ...c.pool, id: c.poolId }, false, c.context);
  }
}
