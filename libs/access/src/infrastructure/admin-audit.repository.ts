import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { AuditActorType } from '../domain/admin-audit';
import { AdminAuditOrmEntity } from './admin-audit.orm-entity';
import { AdminAuditRow } from '../application/admin-audit/admin-audit-row';

export interface AdminAuditFilter {
  actorId: string | null;
  actorType: AuditActorType | null;
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  /** The page cursor: rows older than this id. */
  before: string | null;
  limit: number;
}

@Injectable()
export class AdminAuditRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Only inside the change's transaction, so the row and the change commit together. */
  async insert(row: AdminAuditRow): Promise<void> {
    await this.tx.requireTransaction().insert(AdminAuditOrmEntity, row);
  }

  /** Newest first, one more than `limit` (so the caller knows whether there is a next page). */
  async list(filter: AdminAuditFilter): Promise<AdminAuditRow[]> {
    const query = this.tx
      .manager()
      .createQueryBuilder(AdminAuditOrmEntity, 'a')
      .orderBy('a.id', 'DESC')
      .limit(filter.limit + 1);
    const where: Array<[string, string, unknown]> = [
      ['actorId', 'a.actor_id = :actorId', filter.actorId],
      ['actorType', 'a.actor_type = :actorType', filter.actorType],
      ['action', 'a.action = :action', filter.action],
      ['targetType', 'a.target_type = :targetType', filter.targetType],
      ['targetId', 'a.target_id = :targetId', filter.targetId],
      ['from', 'a.at >= :from', filter.from],
      ['to', 'a.at < :to', filter.to],
      ['before', 'a.id < :before', filter.before],
    ];
    for (const [name, condition, value] of where) {
      if (value !== null) query.andWhere(condition, { [name]: value });
    }
    return (await query.getMany()) as AdminAuditRow[];
  }
}
