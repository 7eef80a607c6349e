import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdminAuditRepository } from '../../infrastructure/admin-audit.repository';
import { AdminAuditPage, ListAdminAuditQuery } from './list-admin-audit.query';

@QueryHandler(ListAdminAuditQuery)
export class ListAdminAuditHandler implements IQueryHandler<ListAdminAuditQuery, AdminAuditPage> {
  constructor(private readonly audit: AdminAuditRepository) {}

  async execute({ props: { filter } }: ListAdminAuditQuery): Promise<AdminAuditPage> {
    const rows = await this.audit.list(filter);
    return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  }
}
