import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { IdGenerator } from '@intake/platform';
import { LeadEvent, LeadState } from '../../domain/lead';
import { historyOf } from '../../domain/lead-history';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { toIntegrationEvents } from './lead-integration-events';
import { LeadReactions } from '../react-to-changes/lead-reactions';

/**
 * What every change to a lead leaves behind, in the same transaction: its history records, its
 * consent ledger rows, its events in the outbox, and what subscribed contexts (scheduling) do
 * about it.
 */
@Injectable()
export class LeadChanges {
  /** The leads the reactions to the change being recorded saved again, as they saved them last. */
  private readonly savedByReactions = new AsyncLocalStorage<Map<string, Readonly<LeadState>>>();

  constructor(
    private readonly records: LeadRecordsRepository,
    private readonly consents: ConsentLedgerRepository,
    private readonly outbox: OutboxWriter,
    private readonly ids: IdGenerator,
    private readonly reactions: LeadReactions,
  ) {}

  /**
   * Records the change from `before` to `after`, the lead as just saved. Returns the lead as it
   * stands once the reactions ran: one may have changed it again (the end of the cadence closes
   * it as `unresponsive`), through `LeadAutomation` and so through here, one level deeper.
   */
  async record(
    before: Readonly<LeadState> | null,
    after: Readonly<LeadState>,
    events: LeadEvent[],
    requestId: string | null,
  ): Promise<Readonly<LeadState>> {
    const saved = await this.recordAll([{ before, after, events }], requestId);
    return saved.get(after.id)!;
  }

  /**
   * `record` for changes to many leads at once (each lead once): the records of all of them in
   * one statement per table, and the reactions run once over all their events.
   */
  async recordMany(
    changes: readonly {
      before: Readonly<LeadState> | null;
      after: Readonly<LeadState>;
      events: LeadEvent[];
    }[],
    requestId: string | null,
  ): Promise<void> {
    await this.recordAll(changes, requestId);
  }

  private async recordAll(
    changes: readonly {
      before: Readonly<LeadState> | null;
      after: Readonly<LeadState>;
      events: LeadEvent[];
    }[],
    requestId: string | null,
  ): Promise<Map<string, Readonly<LeadState>>> {
    await this.records.appendHistory(
      changes.flatMap(({ before, events }) =>
        historyOf(before, events).map((entry) => ({ ...entry, id: this.ids.next(), requestId })),
      ),
    );
    const events = changes.flatMap((c) => c.events);
    await this.consents.append(
      events.flatMap((event) => (event.kind === 'consent_recorded' ? [event.record] : [])),
    );
    await this.outbox.append(toIntegrationEvents(events));
    const saved = new Map<string, Readonly<LeadState>>();
    await this.savedByReactions.run(saved, () => this.reactions.run(events));
    for (const { after } of changes) if (!saved.has(after.id)) saved.set(after.id, after);
    // The change this one is a reaction to learns what its lead (or another) became.
    const outer = this.savedByReactions.getStore();
    for (const [id, state] of saved) outer?.set(id, state);
    return saved;
  }
}
