import { Injectable } from '@nestjs/common';
import { AssignmentBasis, AssignmentReason, UnassignableCause } from '@intake/kernel';
import { Lead, LeadEvent, LeadState } from '../../domain/lead';
import { LeadPriority } from '../../domain/lead-status';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { LeadChanges } from '../write-lead/lead-changes';

/**
 * Changes the system makes to a lead (routing, escalation, the end of the cadence): no actor, no
 * permission check, no access log. Always inside the caller's transaction.
 */
@Injectable()
export class LeadAutomation {
  constructor(
    private readonly leads: LeadRepository,
    private readonly changes: LeadChanges,
  ) {}

  /**
   * The lead, locked until the transaction ends. With `skipLocked`, null when another transaction
   * holds it: a job moves on rather than wait behind a person's write.
   */
  lock(leadId: string, options: { skipLocked?: boolean } = {}): Promise<Lead | null> {
    return this.leads.findForUpdate(leadId, options.skipLocked ?? false);
  }

  /**
   * Those of the leads nobody else is writing to, locked until the transaction ends; the others
   * are left out (a job comes back to them).
   */
  lockManySkipLocked(leadIds: readonly string[]): Promise<Map<string, Lead>> {
    return this.leads.findManyForUpdateSkipLocked(leadIds);
  }

  /** Routing decided who takes the lead (`reason` and `basis` say why). */
  assignByRouting(
    lead: Lead,
    decision: {
      staffId: string;
      reason: Exclude<AssignmentReason, 'manual'>;
      basis: AssignmentBasis;
    },
    at: Date,
  ): Promise<Lead> {
    return this.change(lead, (l) =>
      l.assignTo(decision.staffId, { actorId: null, at }, decision.reason, decision.basis),
    );
  }

  /**
   * `assignByRouting` for many locked leads at once: each changes as the aggregate decides, and all
   * are saved and recorded together (a statement per table, not per lead).
   */
  async assignManyByRouting(
    assignments: readonly {
      lead: Lead;
      staffId: string;
      reason: Exclude<AssignmentReason, 'manual'>;
      basis: AssignmentBasis;
    }[],
    at: Date,
  ): Promise<void> {
    const changed: { lead: Lead; before: Readonly<LeadState>; events: LeadEvent[] }[] = [];
    for (const a of assignments) {
      const before = a.lead.snapshot();
      a.lead.assignTo(a.staffId, { actorId: null, at }, a.reason, a.basis);
      const events = a.lead.pullEvents();
      if (events.length > 0) changed.push({ lead: a.lead, before, events });
    }
    if (changed.length === 0) return;
    await this.leads.updateMany(changed.map((c) => c.lead));
    await this.changes.recordMany(
      changed.map((c) => ({ before: c.before, after: c.lead.snapshot(), events: c.events })),
      null,
    );
  }

  /** Routing found nobody to take the lead, and says when it tries again. */
  markUnassignable(
    lead: Lead,
    wait: { cause: UnassignableCause; nextAttemptAt: Date | null; basis: AssignmentBasis },
    at: Date,
  ): Promise<Lead> {
    return this.change(lead, (l) =>
      l.markUnassignable(wait.cause, wait.nextAttemptAt, wait.basis, { actorId: null, at }),
    );
  }

  /** The follow-up cadence is used up: the lead closes as unresponsive (and can be reopened). */
  closeAsUnresponsive(lead: Lead, at: Date): Promise<Lead> {
    return this.change(lead, (l) => l.transitionTo('unresponsive', null, { actorId: null, at }));
  }

  /** A follow-up went past its SLA: the lead's priority goes up a step; its crisis flag stays. */
  raisePriority(lead: Lead, to: LeadPriority, at: Date): Promise<Lead> {
    return this.change(lead, (l) =>
      l.setPriority(to, l.snapshot().crisisFlag, { actorId: null, at }),
    );
  }

  /**
   * Saves the lead, its history and its events, if `apply` changed anything. Returns the lead as
   * saved (and as the reactions left it), for a further change in the same transaction.
   */
  private async change(lead: Lead, apply: (lead: Lead) => void): Promise<Lead> {
    const before = lead.snapshot();
    apply(lead);
    const events = lead.pullEvents();
    if (events.length === 0) return lead;
    await this.leads.update(lead);
    return Lead.restore(await this.changes.record(before, lead.snapshot(), events, null));
  }

  /** The lead as it is, unlocked; null when there is no such lead. */
  async find(leadId: string): Promise<Readonly<LeadState> | null> {
    return (await this.leads.find(leadId))?.snapshot() ?? null;
  }

  /** Open leads each person owns now. */
  openLeadCounts(staffIds: readonly string[]): Promise<Map<string, number>> {
    return this.leads.openLeadCounts(staffIds);
  }

  /**
   * Who owned each person's most recent other lead, for sticky ownership: lead id → owner, for
   * those whose person had one.
   */
  previousOwnersOf(leads: readonly Readonly<LeadState>[]): Promise<Map<string, string>> {
    return this.leads.previousOwnersOf(leads);
  }
}
