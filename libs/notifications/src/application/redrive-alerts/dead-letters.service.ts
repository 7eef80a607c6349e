import { Injectable } from '@nestjs/common';
import { AdminAuditRecorder, AuditContext } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import {
  DeadAlertDeliveryNotFoundError,
  ParkedEventNotFoundError,
} from '../../domain/notifications-errors';
import { AlertDeliveryRepository } from '../../infrastructure/alert-delivery.repository';
import { ParkedEventOrmEntity } from '../../infrastructure/parked-event.orm-entity';
import type { DeadDelivery } from './dead-delivery';

export interface ParkedEvent {
  id: string;
  eventId: string | null;
  type: string | null;
  topic: string;
  partition: number;
  offset: string;
  error: string;
  attempts: number;
  parkedAt: Date;
}

const LIST_LIMIT = 200;

/**
 * What notifications could not do, for admins: alert deliveries that failed every attempt (sent
 * again on request, audited) and lead-events records the consumer parked.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly clock: Clock,
  ) {}

  /** For the worker's health: what waits for an admin. */
  async counts(): Promise<{ parkedEvents: number; deadDeliveries: number }> {
    const rows: Array<{ parked: number; dead: number }> = await this.tx.manager().query(
      `SELECT (SELECT count(*) FROM notification_parked_events)::int AS parked,
              (SELECT count(*) FROM alert_deliveries WHERE status = 'dead')::int AS dead`,
    );
    return { parkedEvents: rows[0]!.parked, deadDeliveries: rows[0]!.dead };
  }

  listDeadDeliveries(): Promise<DeadDelivery[]> {
    return this.deliveries.listDead(LIST_LIMIT);
  }

  /** Back to pending with fresh attempts; the worker sends it within its poll interval. */
  async redriveDelivery(id: string, context: AuditContext): Promise<void> {
    await this.tx.run(async () => {
      const dead = await this.deliveries.redrive(id, this.clock.now());
      if (!dead) throw new DeadAlertDeliveryNotFoundError();
      await this.audit.record(context, {
        action: 'alert_delivery.redriven',
        targetId: id,
        before: { status: 'dead', attempts: dead.attempts, lastError: dead.lastError },
        after: { status: 'pending', attempts: 0 },
      });
    });
  }

  /** Asks the worker to handle a parked record again (within its poll); audited. */
  async redriveParkedEvent(id: string, context: AuditContext): Promise<void> {
    await this.tx.run(async () => {
      const repository = this.tx.requireTransaction().getRepository(ParkedEventOrmEntity);
      const row = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ParkedEventNotFoundError();
      await repository.update(id, { redriveRequestedAt: this.clock.now() });
      await this.audit.record(context, {
        action: 'notification_event.redriven',
        targetId: id,
        before: { eventId: row.eventId, type: row.type, error: row.error, attempts: row.attempts },
        after: { redriveRequested: true },
      });
    });
  }

  async listParkedEvents(): Promise<ParkedEvent[]> {
    const rows = await this.tx
      .manager()
      .getRepository(ParkedEventOrmEntity)
      .find({ order: { parkedAt: 'DESC' }, take: LIST_LIMIT });
    return rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      type: r.type,
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      error: r.error,
      attempts: r.attempts,
      parkedAt: r.parkedAt,
    }));
  }
}
