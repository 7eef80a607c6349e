import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { Choice, PoolMember, PoolState } from '../domain/routing';
import { PoolSettings } from '../application/manage-routing/pool-settings';

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

  async defaultId(): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.tx
      .manager()
      .query(`SELECT id FROM routing_pools WHERE is_default`);
    return rows[0]?.id ?? null;
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

  /** The pool's members in rotation order, unlocked: to prepare before taking the lock. */
  async memberIds(id: string): Promise<{ allCoordinators: boolean; memberIds: string[] }> {
    const rows: Array<{ allCoordinators: boolean; staffId: string | null }> = await this.tx
      .manager()
      .query(
        `SELECT p.all_coordinators AS "allCoordinators", m.staff_id AS "staffId"
           FROM routing_pools p LEFT JOIN routing_pool_members m ON m.pool_id = p.id
          WHERE p.id = $1 ORDER BY m.position`,
        [id],
      );
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
    const rows: Array<Omit<PoolState, 'members'> & { allCoordinators: boolean }> = await m.query(
      `SELECT id, name, strategy, catch_up_cap AS "catchUpCap", last_staff_id AS "lastStaffId",
              last_position AS "lastPosition", virtual_time AS "virtualTime",
              all_coordinators AS "allCoordinators"
         FROM routing_pools WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const pool = rows[0];
    if (!pool) throw new Error(`Routing pool ${id} vanished`);
    const select = (): Promise<PoolMember[]> =>
      m.query(
        `SELECT staff_id AS "staffId", position, pass, last_assigned_at AS "lastAssignedAt"
           FROM routing_pool_members WHERE pool_id = $1 ORDER BY position`,
        [id],
      );
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
    await m.query(
      `UPDATE routing_pools SET last_staff_id = $2, last_position = $3, virtual_time = $4
        WHERE id = $1`,
      [poolId, next.lastStaffId, next.lastPosition, next.virtualTime],
    );
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
