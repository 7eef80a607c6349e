import { Injectable } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import type { AlertRequest } from '../../domain/alert';
import { AlertOrmEntity } from '../../infrastructure/alert.orm-entity';

/**
 * Queues alerts to people, in the caller's transaction: nothing is sent from here, so a slow
 * mail server never holds a transaction open. The same `dedupeKey` for the same person queues
 * one alert, however often it is asked.
 */
@Injectable()
export class Alerts {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly staff: StaffDirectory,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async send(request: AlertRequest): Promise<void> {
    const staffIds =
      'admins' in request.to
        ? (await this.staff.activeAdmins()).map((admin) => admin.id)
        : [...new Set(request.to.staffIds)];
    if (staffIds.length === 0) return;
    const now = this.clock.now();
    await this.tx
      .requireTransaction()
      .createQueryBuilder()
      .insert()
      .into(AlertOrmEntity)
      .values(
        staffIds.map((staffId) => ({
          id: this.ids.next(),
          staffId,
          kind: request.kind,
          urgency: request.urgency,
          dedupeKey: request.dedupeKey,
          title: request.title,
          link: request.link,
          leadId: request.leadId,
          status: 'pending',
          createdAt: now,
        })),
      )
      .orIgnore()
      .execute();
  }
}
