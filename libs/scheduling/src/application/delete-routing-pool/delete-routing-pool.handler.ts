import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { TransactionRunner } from '@intake/platform';
import { PoolInUseError, PoolNotFoundError } from '../../domain/scheduling-errors';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { DeleteRoutingPoolCommand } from './delete-routing-pool.command';

@CommandHandler(DeleteRoutingPoolCommand)
export class DeleteRoutingPoolHandler implements ICommandHandler<DeleteRoutingPoolCommand> {
  constructor(
    private readonly pools: PoolRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
  ) {}

  async execute({ props: { poolId: id, context } }: DeleteRoutingPoolCommand): Promise<void> {
    await this.tx.run(async () => {
      const pool = await this.pools.find(id);
      if (!pool) throw new PoolNotFoundError(id);
      if (pool.isDefault) throw new PoolInUseError(id, 'is the default pool');
      if (await this.pools.isUsedByRule(id)) throw new PoolInUseError(id, 'is used by a rule');
      await this.pools.delete(id);
      await this.audit.record(context, {
        action: 'routing_pool.deleted',
        targetId: id,
        before: pool,
        after: null,
      });
    });
  }
}
