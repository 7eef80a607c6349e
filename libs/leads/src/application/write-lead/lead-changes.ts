import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { IdGenerator } from '@intake/platform';
import { LeadEvent, LeadState } from '../../domain/lead';
import { historyOf } from '../../domain/lead-history';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { toIntegrationEvents } from './lead-integration-events';
import { LeadReactions } from '../react-to-changes/lead-reactions';

/**
 * What every change to a lead leaves behind, in the same transaction: its history records, its
 * events in the outbox, and what subscribed contexts (scheduling) do about it.
 */
@Injectable()
export class LeadChanges {
  constructor(
    private readonly records: LeadRecordsRepository,
    private readonly outbox: OutboxWriter,
    private readonly ids: IdGenerator,
    private readonly reactions: LeadReactions,
  ) {}

  async record(
    before: Readonly<LeadState> | null,
    events: LeadEvent[],
    requestId: string | null,
  ): Promise<void> {
    await this.records.appendHistory(
      historyOf(before, events).map((entry) => ({ ...entry, id: this.ids.next(), requestId })),
    );
    await this.outbox.append(toIntegrationEvents(events));
    await this.reactions.run(events);
  }
}
