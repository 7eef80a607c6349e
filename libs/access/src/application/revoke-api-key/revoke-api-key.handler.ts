import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, TransactionRunner } from '@intake/platform';
import { ApiKeyNotFoundError } from '../../domain/access-errors';
import { ApiKeyRepository } from '../../infrastructure/api-key.repository';
import { AdminAuditRecorder } from '../admin-audit/admin-audit-recorder';
import { ApiKeyRecord } from '../manage-api-keys/api-key-record';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Revoking twice is harmless; the first revocation time is kept, and audited once. */
  execute({ props: c }: RevokeApiKeyCommand): Promise<ApiKeyRecord> {
    return this.tx.run(async () => {
      const before = await this.keys.findById(c.keyId, { lock: true });
      if (!before) throw new ApiKeyNotFoundError(c.keyId);
      if (before.revokedAt) return before;
      await this.keys.revoke(c.keyId, this.clock.now());
      const after = (await this.keys.findById(c.keyId))!;
      await this.audit.record(c.context, {
        action: 'api_key.revoked',
        targetId: c.keyId,
        before,
        after,
      });
      return after;
    });
  }
}
