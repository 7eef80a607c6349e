import { Query } from '@nestjs/cqrs';
import type { AccessLogFilter, AccessLogRow } from '../../infrastructure/lead-read-model';

export interface ListAccessLogProps {
  readonly filter: AccessLogFilter;
}

export class ListAccessLogQuery extends Query<AccessLogPage> {
  constructor(readonly props: ListAccessLogProps) {
    super();
  }
}

export interface AccessLogPage {
  items: AccessLogRow[];
  hasMore: boolean;
}
