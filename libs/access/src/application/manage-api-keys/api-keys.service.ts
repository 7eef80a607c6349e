import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import { ApiKeyNotFoundError, StaffNotFoundError } from '../../domain/access-errors';
import { issueApiKey } from '../../domain/api-key-secret';
import { ApiKeyRecord, ApiKeyRepository } from '../../infrastructure/api-key.repository';
import { StaffRepository } from '../../infrastructure/staff.repository';

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
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(staffId: string, name: string): Promise<CreatedApiKey> {
    if (!(await this.staff.findById(staffId))) throw new StaffNotFoundError(staffId);
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
    await this.keys.insert({ ...record, secretHash: issued.hash });
    return { record, plaintext: issued.plaintext };
  }

  list(staffId?: string): Promise<ApiKeyRecord[]> {
    return this.keys.list(staffId);
  }

  /** Revoking twice is harmless; the first revocation time is kept. */
  async revoke(id: string): Promise<ApiKeyRecord> {
    await this.keys.revoke(id, this.clock.now());
    const key = await this.keys.findById(id);
    if (!key) throw new ApiKeyNotFoundError(id);
    return key;
  }
}
