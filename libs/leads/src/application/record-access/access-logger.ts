import { Injectable } from '@nestjs/common';
import type { Actor } from '@intake/access';
import { Clock, IdGenerator } from '@intake/platform';
import { AccessRecord, LeadRecordsRepository } from '../../infrastructure/lead-records.repository';

/** Records that a person was shown leads' personal data: one row per request. */
@Injectable()
export class AccessLogger {
  constructor(
    private readonly records: LeadRecordsRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(
    actor: Actor,
    action: AccessRecord['action'],
    leadIds: string[],
    requestId: string | null,
  ): Promise<void> {
    if (leadIds.length === 0) return;
    await this.records.logAccess({
      id: this.ids.next(),
      actorId: actor.staffId,
      actorRole: actor.role,
      action,
      leadIds,
      requestId,
      occurredAt: this.clock.now(),
    });
  }
}
