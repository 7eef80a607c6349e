import { Inject, Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '@intake/platform';
import { HandledEventOrmEntity } from '../../infrastructure/handled-event.orm-entity';
import { EVENT_REACTIONS, EventReaction, ReceivedEvent } from './event-reaction';

/**
 * One event, once: in one transaction, its id goes into the inbox and, if it was not there,
 * every reaction runs. A failure rolls all of it back, so the event can come again whole.
 */
@Injectable()
export class EventHandling {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(EVENT_REACTIONS) private readonly reactions: EventReaction[],
  ) {}

  handle(event: ReceivedEvent): Promise<'handled' | 'duplicate'> {
    return this.tx.run(async () => {
      const inserted = await this.tx
        .requireTransaction()
        .createQueryBuilder()
        .insert()
        .into(HandledEventOrmEntity)
        .values({ eventId: event.payload.eventId, type: event.type, handledAt: this.clock.now() })
        .orIgnore()
        .returning('event_id')
        .execute();
      if (inserted.raw.length === 0) return 'duplicate';
      for (const reaction of this.reactions) await reaction.react(event);
      return 'handled';
    });
  }
}
