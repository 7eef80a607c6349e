import { Injectable } from '@nestjs/common';
import { AdminAuditService, AuditContext, StaffDirectory } from '@intake/access';
import { FieldError } from '@intake/kernel';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { RoutingRule } from '../../domain/routing';
import {
  PoolInUseError,
  PoolNotFoundError,
  SchedulingInvalidError,
} from '../../domain/scheduling-errors';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { PoolSettings } from './pool-settings';

export type PoolInput = Omit<PoolSettings, 'id'>;
export type RuleInput = Omit<RoutingRule, 'id'> & { id?: string };

/** Routing pools and the ordered rules that choose them. */
@Injectable()
export class RoutingAdminService {
  constructor(
    private readonly pools: PoolRepository,
    private readonly rules: RuleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly staff: StaffDirectory,
    private readonly audit: AdminAuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  listPools(): Promise<PoolSettings[]> {
    return this.pools.list();
  }

  async getPool(id: string): Promise<PoolSettings> {
    const pool = await this.pools.find(id);
    if (!pool) throw new PoolNotFoundError(id);
    return pool;
  }

  createPool(input: PoolInput, context: AuditContext): Promise<PoolSettings> {
    return this.savePool({ ...input, id: this.ids.next() }, true, context);
  }

  async updatePool(id: string, input: PoolInput, context: AuditContext): Promise<PoolSettings> {
    return this.savePool({ ...input, id }, false, context);
  }

  async deletePool(id: string, context: AuditContext): Promise<void> {
    await this.tx.run(async () => {
      const pool = await this.getPool(id);
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

  listRules(): Promise<RoutingRule[]> {
    return this.rules.list();
  }

  /** Replaces the whole ordered list; rules naming an unknown pool are refused, all at once. */
  async replaceRules(input: readonly RuleInput[], context: AuditContext): Promise<RoutingRule[]> {
    return this.tx.run(async () => {
      const known = new Set((await this.pools.list()).map((p) => p.id));
      const problems: FieldError[] = input.flatMap((rule, i) =>
        known.has(rule.poolId) ? [] : [{ field: `rules[${i}].poolId`, message: 'is not a pool' }],
      );
      const ids = input.map((r) => r.id).filter((id) => id !== undefined);
      input.forEach((rule, i) => {
        if (rule.id !== undefined && ids.indexOf(rule.id) !== ids.lastIndexOf(rule.id)) {
          problems.push({ field: `rules[${i}].id`, message: 'is used by another rule' });
        }
      });
      if (problems.length > 0) throw new SchedulingInvalidError(problems);
      const rules = input.map((r) => ({ ...r, id: r.id ?? this.ids.next() }));
      const before = await this.rules.list();
      await this.rules.replaceAll(rules);
      await this.queue.replanWaiting(this.clock.now());
      await this.audit.record(context, {
        action: 'routing_rules.replaced',
        targetId: null,
        before: { rules: before },
        after: { rules },
      });
      return rules;
    });
  }

  private async savePool(
    pool: PoolSettings,
    isNew: boolean,
    context: AuditContext,
  ): Promise<PoolSettings> {
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
