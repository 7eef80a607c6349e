import { Injectable } from '@nestjs/common';
import { IdGenerator, TransactionRunner } from '@intake/platform';
import { envelopeOf } from '../contracts/envelope';
import { IntegrationEvent } from '../contracts/event-catalog';
import { OutboxOrmEntity } from './outbox.orm-entity';

/**
 * The one way an event leaves Intake: a row written in the same transaction as the change. The
 * row holds the payload with its envelope but for `sequence`, which the relay gives it when it
 * first sends it: numbering at write time would put a per-lead lock in every writing
 * transaction, and writers that take the follow-up's lock before the lead's would deadlock on it.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async append(events: IntegrationEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const manager = this.tx.requireTransaction();
    const rows = events.map((event) => {
      const id = this.ids.next();
      return manager.create(OutboxOrmEntity, {
        id,
        type: event.type,
        partitionKey: event.key,
        subject: event.subject,
        source: event.source,
        payload: { ...envelopeOf(event, id), ...event.data },
        occurredAt: event.occurredAt,
      });
    });
    await manager.insert(OutboxOrmEntity, rows);
    return rows.map((row) => row.id);
  }
}
