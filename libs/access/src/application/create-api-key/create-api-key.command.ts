import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '../../domain/admin-audit';
import type { ApiKeyRecord } from '../manage-api-keys/api-key-record';

export interface CreateApiKeyProps {
  readonly staffId: string;
  /** A label for the key. */
  readonly name: string;
  readonly context: AuditContext;
}

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The only time the key is ever visible. */
  plaintext: string;
}

export class CreateApiKeyCommand extends Command<CreatedApiKey> {
  constructor(readonly props: CreateApiKeyProps) {
    super();
  }
}
