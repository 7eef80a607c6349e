import { Query } from '@nestjs/cqrs';
import type { ApiKeyRecord } from '../manage-api-keys/api-key-record';

export interface ListApiKeysProps {
  /** One staff member's keys; everyone's when absent. */
  readonly staffId?: string;
}

/** The keys' records, never the keys themselves. */
export class ListApiKeysQuery extends Query<ApiKeyRecord[]> {
  constructor(readonly props: ListApiKeysProps) {
    super();
  }
}
