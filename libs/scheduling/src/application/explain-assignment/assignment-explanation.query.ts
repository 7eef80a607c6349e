import { Injectable } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { LeadAutomation, LeadNotFoundError } from '@intake/leads';
import { AssignmentDecision, DecisionRepository } from '../../infrastructure/decision.repository';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';

export interface AssignmentExplanation {
  leadId: string;
  ownerId: string | null;
  /** When routing will try again, if the lead is waiting for an owner. */
  waitingUntil: Date | null;
  decisions: AssignmentDecision[];
  /** Names of everyone the decisions mention, for people reading them. */
  staffNames: Record<string, string>;
}

/** "Why did this go to me?": every routing decision on the lead, newest first. */
@Injectable()
export class AssignmentExplanationQuery {
  constructor(
    private readonly leads: LeadAutomation,
    private readonly decisions: DecisionRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly staff: StaffDirectory,
  ) {}

  async explain(leadId: string): Promise<AssignmentExplanation> {
    const lead = await this.leads.find(leadId);
    if (!lead) throw new LeadNotFoundError(leadId);
    const decisions = await this.decisions.listForLead(leadId);
    const waiting = await this.queue.find(leadId);
    const ids = decisions.flatMap((d) => [
      ...(d.assigneeId ? [d.assigneeId] : []),
      ...d.skipped.map((s) => s.staffId),
    ]);
    if (lead.ownerId) ids.push(lead.ownerId);
    const names = await this.staff.namesOf(ids);
    return {
      leadId,
      ownerId: lead.ownerId,
      waitingUntil: waiting?.dueAt ?? null,
      decisions,
      staffNames: Object.fromEntries(names),
    };
  }
}
