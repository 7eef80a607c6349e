import { Actor, ForbiddenError } from '@intake/access';
import { Lead, LeadAutomation, LeadNotFoundError } from '@intake/leads';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';

/**
 * What scheduling and rescheduling a follow-up by hand share: the lead, locked, that the person
 * may write to, and a due time in the future.
 */
export async function lockWritableLead(
  automation: LeadAutomation,
  leadId: string,
  actor: Actor,
): Promise<Lead> {
  const lead = await automation.lock(leadId);
  if (!lead) throw new LeadNotFoundError(leadId);
  if (!actor.canWriteLeadOwnedBy(lead.ownerId)) {
    throw new ForbiddenError('Coordinators change only leads they own or unassigned ones.');
  }
  return lead;
}

export function requireFuture(dueAt: Date, now: Date): void {
  if (dueAt.getTime() <= now.getTime()) {
    throw new SchedulingInvalidError([{ field: 'dueAt', message: 'must be in the future' }]);
  }
}
