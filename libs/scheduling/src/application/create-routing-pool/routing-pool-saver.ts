import { Injectable } from '@nestjs/common';
import { AdminAuditRecorder, AuditContext, StaffDirectory } from '@intake/access';
import { FieldError } from '@intake/kernel';
import { Clock, TransactionRunner } from '@intake/platform';
import { PoolNotFoundError, SchedulingInvalidError } from '../../domain/scheduling-errors';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { PoolSettings } from '../manage-routing/pool-settings';

/**
 * What creating and replacing a pool share: the checks (one default, members once each and
 * assignable, a name of its own), the save, the waiting leads replanned, the audit.
 */
@Injectable()
export class RoutingPoolSaver {
  constructor(
    private readonly pools: PoolRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly staff: StaffDirectory,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  save(pool: PoolSettings, isNew: boolean, context: AuditContext): Promise<PoolSettings> {
    return this.tx.run(async () => {
      const existing = await this.pools.find(pool.id);
      if (!isNew && !existing) throw new PoolNotFoundError(pool.id);
      if (existing?.isDefault && !pool.isDefault) {
        throw new SchedulingInvalidError([
          { field: 'isDefault', message: 'make another pool the default instead' },
        ]);
      }
      const problems: FieldError[] = [];
      const memberIds = [...new Set(pool.memberIds)];
      if (memberIds.length !== pool.memberIds.length) {
        problems.push({ field: 'memberIds', message: 'must not repeat a person' });
      }
      const assignable = await this.staff.assignableAmong(memberIds);
      memberIds.forEach((id, i) => {
        if (!assignable.has(id)) {
          problems.push({
            field: `memberIds[${i}]`,
            message: 'must be an active coordinator or admin',
          });
        }
      });
      const names = (await this.pools.list()).filter((p) => p.id !== pool.id).map((p) => p.name);
      if (names.includes(pool.name)) problems.push({ field: 'name', message: 'is already used' });
      if (problems.length > 0) throw new SchedulingInvalidError(problems);
      const now = this.clock.now();
      await this.pools.save({ ...pool, memberIds }, now);
      await this.queue.replanWaiting(now);
      const saved = (await this.pools.find(pool.id))!;
      await this.audit.record(context, {
        action: isNew ? 'routing_pool.created' : 'routing_pool.updated',
        targetId: pool.id,
        before: existing,
        after: saved,
      });
      return saved;
    });
  }
}
