import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { CrisisPageState } from '../domain/crisis/crisis-page';
import { CrisisPageOrmEntity } from './crisis-page.orm-entity';

@Injectable()
export class CrisisPageRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(page: CrisisPageState): Promise<void> {
    await this.tx.requireTransaction().insert(CrisisPageOrmEntity, toRow(page));
  }

  async update(page: CrisisPageState): Promise<void> {
    await this.tx.requireTransaction().update(CrisisPageOrmEntity, { id: page.id }, toRow(page));
  }

  /** `lock`: held to the end of the transaction, so one acknowledgement or escalation wins. */
  async findById(id: string, options: { lock?: boolean } = {}): Promise<CrisisPageState | null> {
    const query = this.tx
      .manager()
      .createQueryBuilder(CrisisPageOrmEntity, 'p')
      .where('p.id = :id', { id });
    if (options.lock) query.setLock('pessimistic_write');
    const row = await query.getOne();
    return row ? toState(row) : null;
  }

  async hasOpenPage(leadId: string): Promise<boolean> {
    return this.tx
      .manager()
      .createQueryBuilder(CrisisPageOrmEntity, 'p')
      .where(`p.leadId = :leadId AND p.status = 'open'`, { leadId })
      .getExists();
  }

  /** The lead's latest page, locked: a first contact is recorded once. */
  async latestOfLead(leadId: string): Promise<CrisisPageState | null> {
    const row = await this.tx
      .requireTransaction()
      .createQueryBuilder(CrisisPageOrmEntity, 'p')
      .where('p.leadId = :leadId', { leadId })
      .orderBy('p.openedAt', 'DESC')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
    return row ? toState(row) : null;
  }

  /** A lead's pages, newest first. */
  async ofLead(leadId: string): Promise<CrisisPageState[]> {
    const rows = await this.tx
      .manager()
      .createQueryBuilder(CrisisPageOrmEntity, 'p')
      .where('p.leadId = :leadId', { leadId })
      .orderBy('p.openedAt', 'DESC')
      .getMany();
    return rows.map(toState);
  }

  /** Open pages past their time, locked; another worker skips them. */
  async dueForEscalation(now: Date, limit: number): Promise<CrisisPageState[]> {
    const rows = await this.tx
      .requireTransaction()
      .createQueryBuilder(CrisisPageOrmEntity, 'p')
      .where(`p.status = 'open' AND p.escalateAt <= :now`, { now })
      .orderBy('p.escalateAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return rows.map(toState);
  }
}

function toRow(page: CrisisPageState): CrisisPageOrmEntity {
  return {
    id: page.id,
    leadId: page.leadId,
    status: page.status,
    step: page.step,
    pagingOrder: page.order,
    pagedStaffId: page.pagedStaffId,
    submittedAt: page.submittedAt,
    openedAt: page.openedAt,
    escalateAt: page.escalateAt,
    acknowledgedAt: page.acknowledgedAt,
    acknowledgedBy: page.acknowledgedBy,
    firstContactAt: page.firstContactAt,
  };
}

function toState(row: CrisisPageOrmEntity): CrisisPageState {
  return {
    id: row.id,
    leadId: row.leadId,
    status: row.status as CrisisPageState['status'],
    step: row.step,
    order: row.pagingOrder,
    pagedStaffId: row.pagedStaffId,
    submittedAt: row.submittedAt,
    openedAt: row.openedAt,
    escalateAt: row.escalateAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    firstContactAt: row.firstContactAt,
  };
}
