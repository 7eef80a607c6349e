import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionRunner } from '@intake/platform';
import { Role } from '../domain/role';
import { ApiKeyOrmEntity } from './api-key.orm-entity';
import { ApiKeyRecord } from '../application/manage-api-keys/api-key-record';

export interface ApiKeyCredential {
  id: string;
  secretHash: string;
  lastUsedAt: Date | null;
  staff: { id: string; role: Role; active: boolean };
}

function toRecord(row: ApiKeyOrmEntity): ApiKeyRecord {
  return {
    id: row.id,
    staffId: row.staffId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(key: ApiKeyRecord & { secretHash: string }): Promise<void> {
    await this.tx.manager().insert(ApiKeyOrmEntity, key);
  }

  /** An unrevoked key with this prefix, with its owner: one indexed lookup per request. */
  async findUsableByPrefix(prefix: string): Promise<ApiKeyCredential | null> {
    const row = await this.tx.manager().findOne(ApiKeyOrmEntity, {
      where: { prefix, revokedAt: IsNull() },
      relations: { staff: true },
    });
    if (!row?.staff) return null;
    return {
      id: row.id,
      secretHash: row.secretHash,
      lastUsedAt: row.lastUsedAt,
      staff: { id: row.staff.id, role: row.staff.role as Role, active: row.staff.active },
    };
  }

  /** `lock`: the row stays locked to the end of the transaction, so it is read as changed. */
  async findById(id: string, options: { lock?: boolean } = {}): Promise<ApiKeyRecord | null> {
    const row = await this.tx.manager().findOne(ApiKeyOrmEntity, {
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? toRecord(row) : null;
  }

  async list(staffId?: string): Promise<ApiKeyRecord[]> {
    const rows = await this.tx.manager().find(ApiKeyOrmEntity, {
      where: staffId ? { staffId } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return rows.map(toRecord);
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.tx.manager().update(ApiKeyOrmEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.tx.manager().update(ApiKeyOrmEntity, { id }, { lastUsedAt: at });
  }
}
