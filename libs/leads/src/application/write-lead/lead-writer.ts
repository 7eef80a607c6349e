import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { ChangeContext, Lead, LeadState } from '../../domain/lead';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { AccessLogger } from '../record-access/access-logger';
import { CommandContext } from './command-context';
import { LeadChanges } from './lead-changes';

export interface WriteResult<T> {
  lead: Readonly<LeadState>;
  result: T;
}

/**
 * The one way staff change a lead: lock it, check the caller may, check If-Match, apply the
 * aggregate's rule, then save the lead, its history and its events in one transaction.
 */
@Injectable()
export class LeadWriter {
  constructor(
    private readonly leads: LeadRepository,
    private readonly changes: LeadChanges,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: AccessLogger,
  ) {}

  change<T>(
    leadId: string,
    expectedVersion: number | null,
    context: CommandContext,
    apply: (lead: Lead, by: ChangeContext & { actorId: string }) => Promise<T> | T,
  ): Promise<WriteResult<T>> {
    return this.tx.run(async () => {
      const lead = await this.leads.findForUpdate(leadId);
      if (!lead) throw new LeadNotFoundError(leadId);
      lead.expectNotErased();
      if (!context.actor.canWriteLeadOwnedBy(lead.ownerId)) {
        throw new ForbiddenError('Coordinators change only leads they own or unassigned ones.');
      }
      lead.expectVersion(expectedVersion);
      const before = lead.snapshot();
      const result = await apply(lead, { actorId: context.actor.staffId, at: this.clock.now() });
      const events = lead.pullEvents();
      let after = lead.snapshot();
      if (events.length > 0) {
        await this.leads.update(lead);
        // The lead as the reactions left it (the cadence may end in `unresponsive`).
        after = await this.changes.record(before, after, events, context.requestId);
      }
      // The response shows the lead, even when nothing changed.
      await this.access.record(context.actor, 'lead.changed', [lead.id], context.requestId);
      return { lead: after, result };
    });
  }
}
