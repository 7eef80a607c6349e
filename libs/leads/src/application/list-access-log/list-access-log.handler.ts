import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { AccessLogPage, ListAccessLogQuery } from './list-access-log.query';

@QueryHandler(ListAccessLogQuery)
export class ListAccessLogHandler implements IQueryHandler<ListAccessLogQuery, AccessLogPage> {
  constructor(private readonly read: LeadReadModel) {}

  async execute({ props: q }: ListAccessLogQuery): Promise<AccessLogPage> {
    const rows = await this.read.accessLog(q.filter);
    return { items: rows.slice(0, q.filter.limit), hasMore: rows.length > q.filter.limit };
  }
}
