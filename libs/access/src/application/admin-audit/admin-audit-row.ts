import { AuditActorType } from '../../domain/admin-audit';

export interface AdminAuditRow {
  id: string;
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: object | null;
  after: object | null;
  requestId: string | null;
  clientRequestId: string | null;
}
