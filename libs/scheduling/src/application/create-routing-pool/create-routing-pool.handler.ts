import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { PoolSettings } from '../manage-routing/pool-settings';
import { CreateRoutingPoolCommand } from './create-routing-pool.command';
import { RoutingPoolSaver } from './routing-pool-saver';

@CommandHandler(CreateRoutingPoolCommand)
export class CreateRoutingPoolHandler implements ICommandHandler<CreateRoutingPoolCommand> {
  constructor(
    private readonly saver: RoutingPoolSaver,
    private readonly ids: IdGenerator,
  ) {}

  execute({ props: c }: CreateRoutingPoolCommand): Promise<PoolSettings> {
    return this.saver.save({ ...c.pool, id: this.ids.next() }, true, c.context);
  }
}
