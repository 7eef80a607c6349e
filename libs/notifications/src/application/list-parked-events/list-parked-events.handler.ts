import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionRunner } from '@intake/platform';
import { ParkedEventOrmEntity } from '../../infrastructure/parked-event.orm-entity';
import { ListParkedEventsQuery, ParkedEvent } from './list-parked-events.query';

const LIST_LIMIT = 200;

@QueryHandler(ListParkedEventsQuery)
export class ListParkedEventsHandler implements IQueryHandler<
  ListParkedEventsQuery,
  ParkedEvent[]
> {
  constructor(private readonly tx: TransactionRunner) {}

  async execute(): Promise<ParkedEvent[]> {
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
