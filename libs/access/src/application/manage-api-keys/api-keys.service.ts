import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuditContext } from '../../domain/admin-audit';
import { CreateApiKeyCommand, CreatedApiKey } from '../create-api-key/create-api-key.command';
import { ListApiKeysQuery } from '../list-api-keys/list-api-keys.query';
import { RevokeApiKeyCommand } from '../revoke-api-key/revoke-api-key.command';
import { ApiKeyRecord } from './api-key-record';

export type { CreatedApiKey } from '../create-api-key/create-api-key.command';

/**
 * The API key use cases for callers that are not HTTP: the CLI, the test harness and the benches.
 * It only dispatches each use case's command or query (create-api-key/, list-api-keys/,
 * revoke-api-key/), where the rules are.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  create(staffId: string, name: string, context: AuditContext): Promise<CreatedApiKey> {
    return this.commands.execute(new CreateApiKeyCommand({ staffId, name, context }));
  }

  list(staffId?: string): Promise<ApiKeyRecord[]> {
    return this.queries.execute(new ListApiKeysQuery({ staffId }));
  }

  revoke(id: string, context: AuditContext): Promise<ApiKeyRecord> {
    return this.commands.execute(new RevokeApiKeyCommand({ keyId: id, context }));
  }
}
