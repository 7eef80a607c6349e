import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiKeyRepository } from '../../infrastructure/api-key.repository';
import { ApiKeyRecord } from '../manage-api-keys/api-key-record';
import { ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery, ApiKeyRecord[]> {
  constructor(private readonly keys: ApiKeyRepository) {}

  execute({ props: q }: ListApiKeysQuery): Promise<ApiKeyRecord[]> {
    return this.keys.list(q.staffId);
  }
}
