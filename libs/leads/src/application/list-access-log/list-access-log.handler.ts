import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessLogRow, LeadReadModel } from '../../infrastructure/lead-read-model';
import { ListAccessLogQuery } from './list-access-log.query';

export interface AccessLogPage {
  items: AccessLogRow[];
  hasMore: boolean;
}

@QueryHandler(ListAccessLogQuery)
export class ListAccessLogHandler implements IQueryHandler<ListAccessLogQuery, AccessLogPage> {
  constructor(private readonly read: LeadReadModel) {}

  async execute(q: ListAccessLogQuery): Promise<AccessLogPage> {
    const rows = await this.read.accessLog(q.filter);
    return { items: rows.slice(0, q.filter.limit), hasMore: rows.length > q.filter.limit };
  }
}
