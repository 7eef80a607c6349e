import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { StaffNotFoundError } from '../../domain/access-errors';
import { issueApiKey } from '../../domain/api-key-secret';
import { ApiKeyRepository } from '../../infrastructure/api-key.repository';
import { StaffRepository } from '../../infrastructure/staff.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';
import { ApiKeyRecord } from '../manage-api-keys/api-key-record';
import { CreateApiKeyCommand, CreatedApiKey } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly staff: StaffRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** The audit row has the key's record, never the key or its hash. */
  async execute({ props: c }: CreateApiKeyCommand): Promise<CreatedApiKey> {
    const issued = issueApiKey();
    const record: ApiKeyRecord = {
      id: this.ids.next(),
      staffId: c.staffId,
      name: c.name,
      prefix: issued.prefix,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.tx.run(async () => {
      if (!(await this.staff.findById(c.staffId))) throw new StaffNotFoundError(c.staffId);
      await this.keys.insert({ ...record, secretHash: issued.hash });
      await this.audit.record(c.context, {
        action: 'api_key.created',
        targetId: record.id,
        before: null,
        after: record,
      });
    });
    return { record, plaintext: issued.plaintext };
  }
}
