import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { Choice, PoolMember, PoolState } from '../domain/routing';
import { PoolSettings } from '../application/manage-routing/pool-settings';
import { routingPoolMembers, routingPools } from './scheduling.tables';

const SETTINGS = ['id', 'name', 'strategy', 'allCoordinators', 'catchUpCap', 'isDefault'] as const;
const SAVED = [...SETTINGS, 'createdAt', 'updatedAt'] as const;
const ROUTING = [
  'id',
  'name',
  'strategy',
  'catchUpCap',
  'lastStaffId',
  'lastPosition',
  'virtualTime',
  'allCoordinators',
] as const;
const ROTATION = ['lastStaffId', 'lastPosition', 'virtualTime'] as const;

const LIST_POOLS = sql<Record<string, never>, Omit<PoolSettings, 'memberIds'>>(
  `SELECT ${routingPools.select(SETTINGS)} FROM routing_pools ORDER BY is_default DESC, name, id`,
);
const LIST_MEMBERS = sql<Record<string, never>, { poolId: string; staffId: string }>(
  `SELECT ${routingPoolMembers.select(['poolId', 'staffId'])} FROM routing_pool_members ORDER BY position`,
);
const DEFAULT_ID = sql<Record<string, never>, { id: string }>(
  `SELECT id FROM routing_pools WHERE is_default`,
);
const UNSET_OTHER_DEFAULT = sql<{ id: string }>(
  `UPDATE routing_pools SET is_default = false WHERE is_default AND id <> :id`,
);
const SAVE = sql<Record<(typeof SAVED)[number], unknown>>(
  `${routingPools.insert(SAVED)}
   ON CONFLICT (id) DO UPDATE SET ${routingPools.set(['name', 'strategy', 'allCoordinators', 'catchUpCap', 'isDefault', 'updatedAt'])}`,
);
const REMOVE_OTHER_MEMBERS = sql<{ poolId: string; staffIds: string[] }>(
  `DELETE FROM routing_pool_members WHERE pool_id = :poolId AND NOT (staff_id = ANY(:staffIds::uuid[]))`,
);
const DELETE = sql<{ id: string }>(`DELETE FROM routing_pools WHERE id = :id`);
const USED_BY_RULE = sql<{ id: string }, unknown>(
  `SELECT 1 FROM routing_rules WHERE pool_id = :id LIMIT 1`,
);
const MEMBER_IDS = sql<{ id: string }, { allCoordinators: boolean; staffId: string | null }>(
  `SELECT ${routingPools.select(['allCoordinators'], 'p')}, ${routingPoolMembers.select(['staffId'], 'm')}
     FROM routing_pools p LEFT JOIN routing_pool_members m ON m.pool_id = p.id
    WHERE p.id = :id ORDER BY m.position`,
);
const LOCK_FOR_ROUTING = sql<
  { id: string },
  Omit<PoolState, 'members'> & { allCoordinators: boolean }
>(`SELECT ${routingPools.select(ROUTING)} FROM routing_pools WHERE id = :id FOR UPDATE`);
const MEMBERS = sql<{ poolId: string }, PoolMember>(
  `SELECT ${routingPoolMembers.select(['staffId', 'position', 'pass', 'lastAssignedAt'])}
     FROM routing_pool_members WHERE pool_id = :poolId ORDER BY position`,
);
const SAVE_ROTATION = sql<Record<'id' | (typeof ROTATION)[number], unknown>>(
  `UPDATE routing_pools SET ${routingPools.set(ROTATION)} WHERE id = :id`,
);
const COUNT_ASSIGNMENT = sql<{ poolId: string; staffId: string; pass: number | null; at: Date }>(
  `UPDATE routing_pool_members
      SET pass = COALESCE(:pass, pass), assigned_count = assigned_count + 1, last_assigned_at = :at
    WHERE pool_id = :poolId AND staff_id = :staffId`,
);
const COUNT_ASSIGNMENTS = sql<{
  poolId: string;
  staffIds: string[];
  passes: number[];
  counts: number[];
  at: Date;
}>(
  `UPDATE routing_pool_members m
      SET pass = t.pass, assigned_count = m.assigned_count + t.n, last_assigned_at = :at
     FROM unnest(:staffIds::uuid[], :passes::double precision[], :counts::int[]) AS t(staff_id, pass, n)
    WHERE m.pool_id = :poolId AND m.staff_id = t.staff_id`,
);
const addMembersStatement = (reorder: boolean) =>
  sql<{ poolId: string; staffIds: string[] }>(
    `INSERT INTO routing_pool_members (pool_id, staff_id, position, pass)
     SELECT :poolId, t.staff_id,
            (SELECT COALESCE(max(position), 0) FROM routing_pool_members WHERE pool_id = :poolId) + t.n,
            (SELECT virtual_time FROM routing_pools WHERE id = :poolId)
       FROM unnest(:staffIds::uuid[]) WITH ORDINALITY AS t(staff_id, n)
     ON CONFLICT (pool_id, staff_id) DO ${reorder ? 'UPDATE SET position = EXCLUDED.position' : 'NOTHING'}`,
  );
const ADD_MEMBERS_REORDERED = addMembersStatement(true);
const ADD_MEMBERS = addMembersStatement(false);

@Injectable()
export class PoolRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async list(): Promise<PoolSettings[]> {
    const pools = await LIST_POOLS.rows(this.tx.manager(), {});
    const members = await LIST_MEMBERS.rows(this.tx.manager(), {});
    return pools.map((p) => ({
      ...p,
      memberIds: p.allCoordinators
        ? []
        : members.filter((m) => m.poolId === p.id).map((m) => m.staffId),
    }));
  }

  async find(id: string): Promise<PoolSettings | null> {
    return (await this.list()).find((p) => p.id === id) ?? null;
  }

  async defaultId(): Promise<string | null> {
    return (await DEFAULT_ID.one(this.tx.manager(), {}))?.id ?? null;
  }

  /** Creates or replaces a pool; members who stay keep their place in the weighted rotation. */
  async save(pool: PoolSettings, at: Date): Promise<void> {
    const m = this.tx.requireTransaction();
    if (pool.isDefault) await UNSET_OTHER_DEFAULT.execute(m, { id: pool.id });
    await SAVE.execute(m, routingPools.params(SAVED, { ...pool, createdAt: at, updatedAt: at }));
    const memberIds = pool.allCoordinators ? [] : pool.memberIds;
    await REMOVE_OTHER_MEMBERS.execute(m, { poolId: pool.id, staffIds: memberIds });
    await this.addMembers(pool.id, memberIds, true);
  }

  async delete(id: string): Promise<void> {
    await DELETE.execute(this.tx.requireTransaction(), { id });
  }

  async isUsedByRule(id: string): Promise<boolean> {
    return (await USED_BY_RULE.rows(this.tx.manager(), { id })).length > 0;
  }

  /** The pool's members in rotation order, unlocked: to prepare before taking the lock. */
  async memberIds(id: string): Promise<{ allCoordinators: boolean; memberIds: string[] }> {
    const rows = await MEMBER_IDS.rows(this.tx.manager(), { id });
    return {
      allCoordinators: rows[0]?.allCoordinators ?? false,
      memberIds: rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
    };
  }

  /**
   * The pool's rotation, locked until the transaction ends: assignments from one pool happen one
   * at a time, so no rotation position is skipped or given twice. `coordinators` are the pool's
   * members when it takes every coordinator; newcomers join the rotation here.
   */
  async lockForRouting(id: string, coordinators: readonly string[]): Promise<PoolState> {
    const m = this.tx.requireTransaction();
    const pool = await LOCK_FOR_ROUTING.one(m, { id });
    if (!pool) throw new Error(`Routing pool ${id} vanished`);
    const select = (): Promise<PoolMember[]> => MEMBERS.rows(m, { poolId: id });
    let members = await select();
    if (pool.allCoordinators) {
      const known = new Set(members.map((x) => x.staffId));
      const joining = coordinators.filter((c) => !known.has(c));
      if (joining.length > 0) {
        await this.addMembers(id, joining, false);
        members = await select();
      }
      const current = new Set(coordinators);
      members = members.filter((x) => current.has(x.staffId));
    }
    return {
      id: pool.id,
      name: pool.name,
      strategy: pool.strategy,
      catchUpCap: pool.catchUpCap,
      lastStaffId: pool.lastStaffId,
      lastPosition: pool.lastPosition,
      virtualTime: pool.virtualTime,
      members,
    };
  }

  async saveRotation(poolId: string, next: Choice['next'], staffId: string, at: Date) {
    const m = this.tx.requireTransaction();
    await SAVE_ROTATION.execute(m, { id: poolId, ...routingPools.params(ROTATION, next) });
    await COUNT_ASSIGNMENT.execute(m, { poolId, staffId, pass: next.pass, at });
  }

  /**
   * `saveRotation` for a run of assignments from the pool: `pool` is its state after the last,
   * `counts` how many leads each member got (each member's pass is their last).
   */
  async saveRotations(pool: PoolState, counts: ReadonlyMap<string, number>, at: Date) {
    const m = this.tx.requireTransaction();
    await SAVE_ROTATION.execute(m, { id: pool.id, ...routingPools.params(ROTATION, pool) });
    const members = pool.members.filter((x) => counts.has(x.staffId));
    await COUNT_ASSIGNMENTS.execute(m, {
      poolId: pool.id,
      staffIds: members.map((x) => x.staffId),
      passes: members.map((x) => x.pass),
      counts: members.map((x) => counts.get(x.staffId)!),
      at,
    });
  }

  /**
   * New members join at the end of the rotation, level with the pool's virtual time: a newcomer
   * gets their share from now on, not a backlog. `reorder` renumbers everyone to `staffIds`.
   */
  private async addMembers(poolId: string, staffIds: string[], reorder: boolean): Promise<void> {
    if (staffIds.length === 0) return;
    await (reorder ? ADD_MEMBERS_REORDERED : ADD_MEMBERS).execute(this.tx.requireTransaction(), {
      poolId,
      staffIds,
    });
  }
}
