import { Injectable } from '@nestjs/common';
import { Lead, LeadState } from '../../domain/lead';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { LeadChanges } from '../shared/lead-changes';

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
   * Saves the lead, its history and its events, if `apply` changed anything. Returns the lead as
   * saved, for a further change in the same transaction.
   */
  async change(lead: Lead, apply: (lead: Lead) => void): Promise<Lead> {
    const before = lead.snapshot();
    apply(lead);
    const events = lead.pullEvents();
    if (events.length === 0) return lead;
    await this.leads.update(lead);
    await this.changes.record(before, events, null);
    return Lead.restore(lead.snapshot());
  }

  /** The lead as it is, unlocked; null when there is no such lead. */
  async find(leadId: string): Promise<Readonly<LeadState> | null> {
    return (await this.leads.find(leadId))?.snapshot() ?? null;
  }

  /** Open leads each person owns now. */
  openLeadCounts(staffIds: readonly string[]): Promise<Map<string, number>> {
    return this.leads.openLeadCounts(staffIds);
  }

  /** Who owned the same person's most recent other lead, for sticky ownership. */
  previousOwnerOf(lead: Readonly<LeadState>): Promise<string | null> {
    return this.leads.previousOwnerOf(lead.id, lead.contact);
  }
}
