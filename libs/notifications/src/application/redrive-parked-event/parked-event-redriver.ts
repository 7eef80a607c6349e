import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, PeriodicJob, TransactionRunner } from '@intake/platform';
import { decodeRecord, errorText } from '../../infrastructure/kafka/notifications-consumer';
import { ParkedEventOrmEntity } from '../../infrastructure/parked-event.orm-entity';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';
import { EventHandling } from '../react-to-events/event-handling';

const BATCH = 50;

/**
 * The worker's side of an admin's re-drive of a parked lead-events record: the record is handed
 * to `EventHandling` (still once per event id) and, handled, leaves the parking; failing again,
 * it stays with the new error and one more attempt.
 */
@Injectable()
export class ParkedEventRedriver extends PeriodicJob {
  private readonly logger = new Logger(ParkedEventRedriver.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly handling: EventHandling,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_OPTIONS) options: NotificationsOptions,
  ) {
    super('parked-event-redrive', {
      intervalMs: options.delivery!.pollIntervalMs,
      autoStart: options.delivery!.autoStart,
    });
  }

  /** Takes up the records admins asked for; returns how many were handled. */
  async runOnce(): Promise<number> {
    // Claimed (the request cleared) in a short transaction; handled after, one by one.
    const claimed: ParkedEventOrmEntity[] = await this.tx.run(async () => {
      const rows = await this.tx
        .requireTransaction()
        .getRepository(ParkedEventOrmEntity)
        .createQueryBuilder('p')
        .where('p.redriveRequestedAt IS NOT NULL')
        .orderBy('p.parkedAt')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length > 0) {
        await this.tx
          .requireTransaction()
          .getRepository(ParkedEventOrmEntity)
          .update(
            rows.map((r) => r.id),
            { redriveRequestedAt: null },
          );
      }
      return rows;
    });
    let handled = 0;
    const repository = () => this.tx.manager().getRepository(ParkedEventOrmEntity);
    for (const row of claimed) {
      const decoded = decodeRecord(row.headers, row.value === null ? null : Buffer.from(row.value));
      try {
        if (decoded.kind === 'poison') throw new Error(decoded.error);
        if (decoded.kind === 'event') await this.handling.handle(decoded.event);
        await repository().delete(row.id);
        handled += 1;
      } catch (error) {
        const reason = decoded.kind === 'poison' ? decoded.error : errorText(error);
        await repository().update(row.id, {
          error: reason,
          attempts: row.attempts + 1,
          parkedAt: this.clock.now(),
        });
        this.logger.warn({ parked: row.id, type: row.type, error: reason }, 'redrive failed');
      }
    }
    return handled;
  }
}
