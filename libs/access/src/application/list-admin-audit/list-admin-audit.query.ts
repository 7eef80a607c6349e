import { Query } from '@nestjs/cqrs';
import type { AdminAuditFilter } from '../../infrastructure/admin-audit.repository';
import type { AdminAuditRow } from '../admin-audit/admin-audit-row';

export interface ListAdminAuditProps {
  readonly filter: AdminAuditFilter;
}

export class ListAdminAuditQuery extends Query<AdminAuditPage> {
  constructor(readonly props: ListAdminAuditProps) {
    super();
  }
}

export interface AdminAuditPage {
  items: AdminAuditRow[];
  hasMore: boolean;
}
