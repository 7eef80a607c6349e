import { Injectable } from '@nestjs/common';
import { IdGenerator, TransactionRunner } from '@intake/platform';
import { IntegrationEvent } from '../contracts/event-catalog';
import { OutboxOrmEntity } from './outbox.orm-entity';

/** The one way an event leaves Intake: a row written in the same transaction as the change. */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async append(events: IntegrationEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const manager = this.tx.requireTransaction();
    const rows = events.map((event) =>
      manager.create(OutboxOrmEntity, {
        id: this.ids.next(),
        type: event.type,
        partitionKey: event.key,
        subject: event.subject,
        source: event.source,
        payload: event.data,
        occurredAt: event.occurredAt,
      }),
    );
    await manager.insert(OutboxOrmEntity, rows);
    return rows.map((row) => row.id);
  }
}
