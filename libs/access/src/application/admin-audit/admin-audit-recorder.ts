import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import {
  AuditChange,
  AuditContext,
  auditTargetTypeOf,
  redactForAudit,
} from '../../domain/admin-audit';
import { AdminAuditRepository } from '../../infrastructure/admin-audit.repository';

/**
 * Writes the admin audit. Not a use case of its own: every context that changes admin settings
 * records through it, inside the transaction of the change (TransactionRunner.run), so a
 * committed change always has its row and a failed one has none.
 */
@Injectable()
export class AdminAuditRecorder {
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
}
