import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { Choice, PoolMember, PoolState, Strategy } from '../domain/routing';

/** A pool as admins see and edit it. */
export interface PoolSettings {
  id: string;
  name: string;
  strategy: Strategy;
  allCoordinators: boolean;
  catchUpCap: number;
  isDefault: boolean;
  /** In rotation order; ignored when `allCoordinators`. */
  memberIds: string[];
}

const POOL_COLUMNS = `id, name, strategy, all_coordinators AS "allCoordinators",
  catch_up_cap AS "catchUpCap", is_default AS "isDefault"`;

@Injectable()
export class PoolRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async list(): Promise<PoolSettings[]> {
    const pools: Omit<PoolSettings, 'memberIds'>[] = await this.tx
      .manager()
      .query(`SELECT ${POOL_COLUMNS} FROM routing_pools ORDER BY is_default DESC, name, id`);
    const members: Array<{ poolId: string; staffId: string }> = await this.tx
      .manager()
      .query(
        `SELECT pool_id AS "poolId", staff_id AS "staffId" FROM routing_pool_members ORDER BY position`,
      );
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

  async findDefault(): Promise<PoolSettings | null> {
    return (await this.list()).find((p) => p.isDefault) ?? null;
  }

  /** Creates or replaces a pool; members who stay keep their place in the weighted rotation. */
  async save(pool: PoolSettings, at: Date): Promise<void> {
    const m = this.tx.requireTransaction();
    if (pool.isDefault) {
      await m.query(`UPDATE routing_pools SET is_default = false WHERE is_default AND id <> $1`, [
        pool.id,
      ]);
    }
    await m.query(
      `INSERT INTO routing_pools
         (id, name, strategy, all_coordinators, catch_up_cap, is_default, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (id) DO UPDATE SET name = $2, strategy = $3, all_coordinators = $4,
         catch_up_cap = $5, is_default = $6, updated_at = $7`,
      [
        pool.id,
        pool.name,
        pool.strategy,
        pool.allCoordinators,
        pool.catchUpCap,
        pool.isDefault,
        at,
      ],
    );
    const memberIds = pool.allCoordinators ? [] : pool.memberIds;
    await m.query(
      `DELETE FROM routing_pool_members WHERE pool_id = $1 AND NOT (staff_id = ANY($2::uuid[]))`,
      [pool.id, memberIds],
    );
    await this.addMembers(pool.id, memberIds, true);
  }

  async delete(id: string): Promise<void> {
    await this.tx.requireTransaction().query(`DELETE FROM routing_pools WHERE id = $1`, [id]);
  }

  async isUsedByRule(id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx
      .manager()
      .query(`SELECT 1 FROM routing_rules WHERE pool_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /**
   * The pool's rotation, locked until the transaction ends: assignments from one pool happen one
   * at a time, so no rotation position is skipped or given twice. `coordinators` are the pool's
   * members when it takes every coordinator.
   */
  async lockForRouting(id: string, coordinators: () => Promise<string[]>): Promise<PoolState> {
    const m = this.tx.requireTransaction();
    const rows: Array<
      Omit<PoolState, 'members'> & { allCoordinators: boolean; lastStaffId: string | null }
    > = await m.query(
      `SELECT id, name, strategy, catch_up_cap AS "catchUpCap", last_staff_id AS "lastStaffId",
              virtual_time AS "virtualTime", all_coordinators AS "allCoordinators"
         FROM routing_pools WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const pool = rows[0];
    if (!pool) throw new Error(`Routing pool ${id} vanished`);
    let only: Set<string> | null = null;
    if (pool.allCoordinators) {
      const ids = await coordinators();
      await this.addMembers(id, ids, false);
      only = new Set(ids);
    }
    const members: PoolMember[] = await m.query(
      `SELECT staff_id AS "staffId", position, pass, last_assigned_at AS "lastAssignedAt"
         FROM routing_pool_members WHERE pool_id = $1 ORDER BY position`,
      [id],
    );
    return {
      id: pool.id,
      name: pool.name,
      strategy: pool.strategy,
      catchUpCap: pool.catchUpCap,
      lastStaffId: pool.lastStaffId,
      virtualTime: pool.virtualTime,
      members: only ? members.filter((x) => only.has(x.staffId)) : members,
    };
  }

  async saveRotation(poolId: string, next: Choice['next'], staffId: string, at: Date) {
    const m = this.tx.requireTransaction();
    await m.query(`UPDATE routing_pools SET last_staff_id = $2, virtual_time = $3 WHERE id = $1`, [
      poolId,
      next.lastStaffId,
      next.virtualTime,
    ]);
    await m.query(
      `UPDATE routing_pool_members
          SET pass = COALESCE($3, pass), assigned_count = assigned_count + 1, last_assigned_at = $4
        WHERE pool_id = $1 AND staff_id = $2`,
      [poolId, staffId, next.pass, at],
    );
  }

  /**
   * New members join at the end of the rotation, level with the pool's virtual time: a newcomer
   * gets their share from now on, not a backlog. `reorder` renumbers everyone to `staffIds`.
   */
  private async addMembers(poolId: string, staffIds: string[], reorder: boolean): Promise<void> {
    if (staffIds.length === 0) return;
    await this.tx.requireTransaction().query(
      `INSERT INTO routing_pool_members (pool_id, staff_id, position, pass)
       SELECT $1, t.staff_id,
              (SELECT COALESCE(max(position), 0) FROM routing_pool_members WHERE pool_id = $1) + t.n,
              (SELECT virtual_time FROM routing_pools WHERE id = $1)
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(staff_id, n)
       ON CONFLICT (pool_id, staff_id) DO ${reorder ? 'UPDATE SET position = EXCLUDED.position' : 'NOTHING'}`,
      [poolId, staffIds],
    );
  }
}
