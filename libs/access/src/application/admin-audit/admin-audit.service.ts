import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import {
  AuditChange,
  AuditContext,
  auditTargetTypeOf,
  redactForAudit,
} from '../../domain/admin-audit';
import {
  AdminAuditFilter,
  AdminAuditRepository,
} from '../../infrastructure/admin-audit.repository';
import { AdminAuditRow } from './admin-audit-row';

export interface AdminAuditPage {
  items: AdminAuditRow[];
  hasMore: boolean;
}

/**
 * Writes and reads the admin audit. Every context that changes admin settings records through
 * `record`, inside the transaction of the change (TransactionRunner.run): a committed change
 * always has its row, a failed one has none.
 */
@Injectable()
export class AdminAuditService {
  constructor(
    private readonly audit: AdminAuditRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(context: AuditContext, change: AuditChange): Promise<void> {
    const targetType = auditTargetTypeOf(change.action);
    await this.audit.insert({
      id: this.ids.next(),
      at: this.clock.now(),
      actorType: context.actor.type,
      actorId: context.actor.staffId,
      actorLabel: context.actor.label,
      action: change.action,
      targetType,
      targetId: change.targetId,
      before: redactForAudit(targetType, change.before),
      after: redactForAudit(targetType, change.after),
      requestId: context.requestId,
      clientRequestId: context.clientRequestId,
    });
  }

  async list(filter: AdminAuditFilter): Promise<AdminAuditPage> {
    const rows = await this.audit.list(filter);
    return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  }
}
