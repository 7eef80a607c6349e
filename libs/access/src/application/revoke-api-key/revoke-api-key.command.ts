import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '../../domain/admin-audit';
import type { ApiKeyRecord } from '../manage-api-keys/api-key-record';

export interface RevokeApiKeyProps {
  readonly keyId: string;
  readonly context: AuditContext;
}

export class RevokeApiKeyCommand extends Command<ApiKeyRecord> {
  constructor(readonly props: RevokeApiKeyProps) {
    super();
  }
}
