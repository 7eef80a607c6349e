import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { ApiKeyNotFoundError, StaffNotFoundError } from '../../domain/access-errors';
import { AuditContext } from '../../domain/admin-audit';
import { issueApiKey } from '../../domain/api-key-secret';
import { ApiKeyRepository } from '../../infrastructure/api-key.repository';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';
import { ApiKeyRecord } from './api-key-record';

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The only time the key is ever visible. */
  plaintext: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly staff: StaffRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** The audit row has the key's record, never the key or its hash. */
  async create(staffId: string, name: string, context: AuditContext): Promise<CreatedApiKey> {
    const issued = issueApiKey();
    const record: ApiKeyRecord = {
      id: this.ids.next(),
      staffId,
      name,
      prefix: issued.prefix,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.tx.run(async () => {
      if (!(await this.staff.findById(staffId))) throw new StaffNotFoundError(staffId);
      await this.keys.insert({ ...record, secretHash: issued.hash });
      await this.audit.record(context, {
        action: 'api_key.created',
        targetId: record.id,
        before: null,
        after: record,
      });
    });
    return { record, plaintext: issued.plaintext };
  }

  list(staffId?: string): Promise<ApiKeyRecord[]> {
    return this.keys.list(staffId);
  }

  /** Revoking twice is harmless; the first revocation time is kept, and audited once. */
  async revoke(id: string, context: AuditContext): Promise<ApiKeyRecord> {
    return this.tx.run(async () => {
      const before = await this.keys.findById(id, { lock: true });
      if (!before) throw new ApiKeyNotFoundError(id);
      if (before.revokedAt) return before;
      await this.keys.revoke(id, this.clock.now());
      const after = (await this.keys.findById(id))!;
      await this.audit.record(context, { action: 'api_key.revoked', targetId: id, before, after });
      return after;
    });
  }
}
